package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.testing.TestModels;

/**
 * Every PDF of the shared test set through the real importer (child JVM, OCR, limits), checked by
 * its MANIFEST category. Data: {@code ../shared/data/pdfs/} — files from the pdf.js (Mozilla) and
 * Apache PDFBox test suites, Apache-2.0 repositories (see that folder's LICENSES/); the
 * {@code *.pdf.txt} oracles are PDFBox's expected text output.
 */
class SharedPdfImportTest {

    /** One row of MANIFEST.csv. */
    record Entry(String file, String category, String password) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** Text each CJK-font file shows on its first page (read off a rendering of the page). */
    private static final Map<String, String> CJK_SNIPPETS = Map.of(
            "cjk-zh-simplified__XiaoBiaoSong.pdf", "关于红军作战的原则",
            "cjk-zh-simplified__file_pdfjs_test.pdf", "Mozilla automated testing",
            "cjk-zh-simplified__issue14438.pdf", "Trace-based Just-in-Time Type Specialization",
            "cjk-zh-traditional__issue19182.pdf", "中文姓名",
            "cjk-ja__mixedfonts.pdf", "Font Types",
            "cjk-ja-nonembedded__90ms_rksj_h_sample.pdf", "日本語テスト",
            "cjk-ko__issue5010.pdf", "인터뷰");

    @TempDir
    static Path work;

    private static DocumentImporter importer;
    /** Results of the parameterised run, reused by the focused tests below (each import is a child JVM). */
    private static final Map<String, ImportResult> RESULTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<String> TABLE = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        importer = new DocumentImporter(work);
    }

    @AfterAll
    static void printTable() {
        StringBuilder out = new StringBuilder("\nShared PDF import results (file | pages | chars | OCR | outcome)\n");
        TABLE.stream().sorted().forEach(row -> out.append(row).append('\n'));
        System.out.print(out);
    }

    static Path pdfs() {
        return TestModels.data("pdfs");
    }

    static Stream<Entry> manifest() throws IOException {
        List<String> lines = Files.readAllLines(pdfs().resolve("MANIFEST.csv"), StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = csv(line);
            entries.add(new Entry(cells.get(0), cells.get(1), cells.get(6)));
        }
        assertThat(entries).hasSizeGreaterThanOrEqualTo(28);
        return entries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void eachSharedPdfGivesTextOrAClearReason(Entry entry) throws IOException {
        Path file = pdfs().resolve(entry.file());
        String category = entry.category();
        switch (category) {
            case "text-real-world", "text-form", "text-form-xfa", "text-ground-truth", "text-ground-truth-rtl" -> {
                ImportResult result = run(entry, file, null);
                assertThat(visible(result)).isGreaterThan(100);
                assertThat(result.pages()).noneMatch(ImportedPage::ocr);
                Path oracle = pdfs().resolve(entry.file() + ".txt");
                if (Files.exists(oracle)) {
                    double f1 = bigramF1(Files.readString(oracle, StandardCharsets.UTF_8), result.fullText());
                    record(entry, String.format(java.util.Locale.ROOT, "character-bigram F1 vs .pdf.txt oracle %.3f", f1));
                    assertThat(f1).as("character-bigram F1 against the PDFBox oracle").isGreaterThan(0.95);
                }
            }
            case "cjk-zh-simplified", "cjk-zh-traditional", "cjk-ja", "cjk-ja-nonembedded", "cjk-ko" -> {
                // Several of these set English in a CJK font: what matters is readable text, no mojibake.
                ImportResult result = run(entry, file, null);
                String text = result.fullText();
                assertThat(text).contains(CJK_SNIPPETS.get(entry.file())).doesNotContain("\uFFFD");
                long latin1 = text.codePoints().filter(cp -> cp >= 0x80 && cp <= 0xFF).count();
                assertThat(latin1).as("Latin-1 mojibake").isLessThan(Math.max(3, visible(result) / 20));
            }
            case "scanned-image-only", "scanned-and-malformed" -> {
                try {
                    ImportResult result = run(entry, file, null);
                    assertThat(result.pages()).anyMatch(ImportedPage::ocr);
                    assertThat(result.warnings()).extracting(ImportWarning::code).contains("ocr_used");
                } catch (MedScribeException noText) {
                    // bitmap-symbol.pdf is a drawing (a smiley), not text: OCR runs and finds nothing.
                    assertThat(noText.messageKey()).isEqualTo("capture.no.text");
                    record(entry, "refused: " + noText.messageKey());
                }
            }
            case "encrypted-user-password" -> {
                refusedWith(entry, file, null, "capture.pdf.password.required");
                refusedWith(entry, file, "not-the-password", "capture.pdf.password.wrong");
                ImportResult result = run(entry, file, entry.password().split(" ")[0]);
                assertThat(result.fullText()).isNotBlank();
            }
            case "encrypted-owner-only" -> {
                // MANIFEST says this opens without a password, but its R6 user key only matches the
                // password "password" (checked against the /U hash), so it is password-protected.
                refusedWith(entry, file, null, "capture.pdf.password.required");
                assertThat(run(entry, file, "password").fullText()).isNotBlank();
            }
            case "encrypted-empty-user" -> {
                // Opens with the empty password (owner password only); its one page is blank.
                refusedWith(entry, file, null, "capture.no.text");
            }
            case "encrypted-public-key" -> refusedWith(entry, file, null, "capture.pdf.encryption.certificate");
            case "malformed", "malformed-fuzzed" -> {
                try {
                    ImportResult result = run(entry, file, null);
                    assertThat(result.pages()).isNotEmpty();
                } catch (MedScribeException refused) {
                    assertThat(refused.isBadInput()).as(refused.messageKey()).isTrue();
                    record(entry, "refused: " + refused.messageKey());
                }
            }
            default -> throw new AssertionError("category not covered: " + category);
        }
    }

    @Test
    void tablesStayRowsAndTwoColumnPapersReadColumnByColumn() {
        ImportResult table = imported("text-ground-truth__eu-001.pdf");
        assertThat(table.pages().get(0).text()).containsPattern("Carbon dioxide \\(CO2\\) +100 million +- +-");

        ImportResult paper = imported("text-real-world__tracemonkey.pdf");
        String first = paper.pages().get(0).text();
        // The abstract (left column) continues on the next line, not interleaved with the right column.
        assertThat(first).contains("Dynamic languages such as JavaScript are more difficult to com-\n"
                + "pile than statically typed ones.");
        assertThat(paper.pages()).extracting(ImportedPage::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void filledFormValuesAreIncluded() {
        ImportResult acro = imported("text-form__prefilled_f1040.pdf");
        assertThat(acro.fullText()).contains("foobar");

        ImportResult xfa = imported("text-form-xfa__xfa_filled_imm1344e.pdf");
        assertThat(xfa.pages().get(0).text()).contains("[XFA form data]", "PAFamilyName: Euler", "GivenName: Carl Friedrich");
        assertThat(xfa.warnings()).extracting(ImportWarning::code).contains("xfa_form");
    }

    @Test
    void oldGbkNamedFontsComeOutAsChinese() {
        ImportResult result = imported("cjk-zh-simplified__XiaoBiaoSong.pdf");
        assertThat(result.fullText()).contains("目　　录", "关于红军作战的原则");
    }

    private static ImportResult imported(String file) {
        return RESULTS.computeIfAbsent(file, name -> importer.importFile(pdfs().resolve(name), ImportOptions.defaults(),
                ProgressListener.NONE, CancellationToken.none()));
    }

    private ImportResult run(Entry entry, Path file, String password) {
        ImportOptions options = new ImportOptions(password == null ? null : password.toCharArray(), true,
                // The scans are Russian forms; English alone keeps the test quick and still exercises OCR.
                entry.category().startsWith("scanned") ? "eng" : null);
        ImportResult result = importer.importFile(file, options, ProgressListener.NONE, CancellationToken.none());
        if (password == null) {
            RESULTS.put(entry.file(), result);
        }
        assertThat(result.sha256()).hasSize(64);
        assertThat(result.pages()).extracting(ImportedPage::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, result.pages().size()).boxed().toList());
        assertThat(result.fullText()).doesNotContain("\u200B", "\uFEFF");
        record(entry, result.pages().size() + " | " + visible(result) + " | "
                + (result.pages().stream().anyMatch(ImportedPage::ocr) ? "yes" : "no") + " | text"
                + (password == null ? "" : " (with password)")
                + (result.warnings().isEmpty() ? "" : "; warnings " + result.warnings().stream()
                        .map(ImportWarning::code).distinct().toList()));
        return result;
    }

    private void refusedWith(Entry entry, Path file, String password, String key) {
        ImportOptions options = new ImportOptions(password == null ? null : password.toCharArray(), true, null);
        assertThatThrownBy(() -> importer.importFile(file, options, ProgressListener.NONE, CancellationToken.none()))
                .isInstanceOfSatisfying(MedScribeException.class, refused -> {
                    assertThat(refused.messageKey()).isEqualTo(key);
                    assertThat(refused.isBadInput()).isTrue();
                });
        record(entry, "refused" + (password == null ? "" : " (wrong password)") + ": " + key);
    }

    private static void record(Entry entry, String outcome) {
        TABLE.add(entry.file() + " | " + outcome);
    }

    private static long visible(ImportResult result) {
        return result.fullText().codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }

    /**
     * F1 of the multisets of adjacent character pairs, ignoring whitespace and Unicode compatibility
     * forms: robust to line-break and spacing differences, sensitive to missing, extra or reordered text.
     */
    static double bigramF1(String expected, String actual) {
        Map<String, Integer> a = bigrams(expected);
        Map<String, Integer> b = bigrams(actual);
        long common = 0;
        for (var entry : a.entrySet()) {
            common += Math.min(entry.getValue(), b.getOrDefault(entry.getKey(), 0));
        }
        long totalA = a.values().stream().mapToLong(Integer::longValue).sum();
        long totalB = b.values().stream().mapToLong(Integer::longValue).sum();
        if (totalA == 0 || totalB == 0) {
            return 0;
        }
        double precision = (double) common / totalB;
        double recall = (double) common / totalA;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static Map<String, Integer> bigrams(String text) {
        String squashed = Normalizer.normalize(text, Normalizer.Form.NFKC).replace("\uFEFF", "").replaceAll("\\s+", "");
        Map<String, Integer> counts = new HashMap<>();
        int[] cps = squashed.codePoints().toArray();
        for (int i = 0; i + 1 < cps.length; i++) {
            counts.merge(new String(cps, i, 2), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
