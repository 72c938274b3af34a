package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medscribe.capture.ImportResult.PageRange;

/** The page text of an import and where each page lies in it. */
class ImportResultTest {

    private static ImportResult withPages(String... texts) {
        List<ImportedPage> pages = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            pages.add(new ImportedPage(i + 1, texts[i], false));
        }
        return new ImportResult("labs.pdf", "a".repeat(64), DocumentKind.PDF, texts.length, pages, List.of(),
                List.of(), List.of());
    }

    @Test
    void pageRangesCutTheJoinedTextBackIntoItsPages() {
        ImportResult result = withPages("Hb 12.1 g/dL", "CRP 4 mg/L\nESR 10", "K 3.2");

        assertThat(result.fullText()).isEqualTo("Hb 12.1 g/dL\n\nCRP 4 mg/L\nESR 10\n\nK 3.2");
        assertThat(result.pageRanges()).containsExactly(new PageRange(1, 0, 12), new PageRange(2, 14, 31),
                new PageRange(3, 33, 38));
        for (PageRange range : result.pageRanges()) {
            assertThat(result.fullText().substring(range.start(), range.end()))
                    .isEqualTo(result.pages().get(range.page() - 1).text());
        }
    }

    @Test
    void anEmptyPageKeepsItsNumberWithAnEmptyRange() {
        ImportResult leadingBlank = withPages("", "page two");
        assertThat(leadingBlank.fullText()).isEqualTo("page two");
        assertThat(leadingBlank.pageRanges()).containsExactly(new PageRange(1, 0, 0), new PageRange(2, 0, 8));

        ImportResult blankBetween = withPages("one", "", "three");
        assertThat(blankBetween.fullText()).isEqualTo("one\n\n\n\nthree");
        assertThat(blankBetween.pageRanges()).containsExactly(new PageRange(1, 0, 3), new PageRange(2, 5, 5),
                new PageRange(3, 7, 12));
    }

    @Test
    void theJsonShapeIsUnchanged() {
        String json = ImportJson.write(withPages("Hb 12.1 g/dL", "K 3.2"));

        assertThat(json).doesNotContain("page_ranges", "pageRanges", "full_text");
    }
}
