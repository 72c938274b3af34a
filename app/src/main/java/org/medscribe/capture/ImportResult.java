package org.medscribe.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medscribe.capture.labs.LabValue;

/**
 * Everything an import found in one file. Immutable.
 *
 * @param fileName the file's name (no folder), for provenance
 * @param sha256 hex SHA-256 of the file's bytes, for provenance and de-duplication
 * @param kind PDF or image
 * @param pageCount pages in the file (may exceed {@code pages().size()} when the page cap applied)
 * @param pages the pages read, in order
 * @param warnings what the doctor should know (hidden text found, OCR used, truncation, ...)
 * @param hiddenText text a reader would not see, kept out of the pages
 * @param labValues lab results recognised in the page text, with page and character span
 */
public record ImportResult(String fileName, String sha256, DocumentKind kind, int pageCount, List<ImportedPage> pages,
        List<ImportWarning> warnings, List<HiddenPassage> hiddenText, List<LabValue> labValues) {

    public ImportResult {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(kind, "kind");
        pages = List.copyOf(pages);
        warnings = List.copyOf(warnings);
        hiddenText = List.copyOf(hiddenText);
        labValues = List.copyOf(labValues);
    }

    /** True when any hidden text was found: show "hidden text found" to the doctor. */
    public boolean hiddenTextFound() {
        return warnings.stream().anyMatch(w -> w.code().equals("hidden_text"));
    }

    /** All page text, pages separated by a blank line. */
    public String fullText() {
        StringBuilder text = new StringBuilder();
        layOut(text, null);
        return text.toString();
    }

    /**
     * Where each page read lies in {@link #fullText()}, in page order (an empty page gets an empty
     * range), so an offset into the text maps back to the page it came from.
     */
    public List<PageRange> pageRanges() {
        List<PageRange> ranges = new ArrayList<>(pages.size());
        layOut(new StringBuilder(), ranges);
        return List.copyOf(ranges);
    }

    /** The one layout of the pages' text, shared by the text and its page ranges so they never disagree. */
    private void layOut(StringBuilder text, List<PageRange> ranges) {
        for (ImportedPage page : pages) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            int start = text.length();
            text.append(page.text());
            if (ranges != null) {
                ranges.add(new PageRange(page.number(), start, text.length()));
            }
        }
    }

    /** Characters {@code [start, end)} of {@link #fullText()} are page {@code page}'s text (1-based). */
    public record PageRange(int page, int start, int end) {
    }
}
