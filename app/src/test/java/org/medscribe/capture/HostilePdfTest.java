package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.capture.pdf.PdfLimits;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;

/**
 * Files built to attack a PDF reader, read through the real importer (a child JVM each): every one
 * ends in a result or a one-line reason within its deadline, never a crash or a hang of this process.
 */
class HostilePdfTest {

    @TempDir
    Path temp;

    private DocumentImporter importer(ImportLimits limits) {
        return new DocumentImporter(temp.resolve("work"), limits);
    }

    private ImportResult importFile(DocumentImporter importer, Path file) {
        return importer.importFile(file, ImportOptions.defaults(), ProgressListener.NONE, CancellationToken.none());
    }

    @Test
    void aOneGibibyteDecompressionBombIsRefusedWithAReason() throws Exception {
        Path bomb = HostilePdfs.flateBomb(temp.resolve("bomb.pdf"), 1L << 30);
        assertThat(Files.size(bomb)).as("a few MB on disk").isLessThan(8L * 1024 * 1024);

        long start = System.nanoTime();
        assertThatThrownBy(() -> importFile(importer(ImportLimits.defaults()), bomb))
                .isInstanceOfSatisfying(MedScribeException.class, refused -> {
                    assertThat(refused.isBadInput()).isTrue();
                    assertThat(refused.messageKey()).isEqualTo("capture.pdf.stream.too.large");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    /** Today's importer would parse for minutes; a minute is far more than refusing takes. */
    private static ImportLimits withinAMinute() {
        return new ImportLimits(PdfLimits.defaults(), 200L * 1024 * 1024, 50, Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofSeconds(60), "768m");
    }

    private static void assertRefused(ThrowingCallable importing, String key, Object... arguments) {
        assertThatThrownBy(importing).isInstanceOfSatisfying(MedScribeException.class, refused -> {
            assertThat(refused.isBadInput()).isTrue();
            assertThat(refused.messageKey()).isEqualTo(key);
            assertThat(refused.arguments()).containsExactly(arguments);
        });
    }

    @Test
    void oneWhitespaceStreamDrawnTwiceByEachOf150PagesIsRefusedAtThePageBudget() throws Exception {
        // 112 MiB of spaces, under the 128 MB cap for one stream; each page parses it twice.
        Path file = HostilePdfs.whitespaceContent(temp.resolve("shared.pdf"), 150, 1, 112L << 20, 2);
        assertThat(Files.size(file)).as("a small file").isLessThan(1L << 20);

        assertRefused(() -> importFile(importer(withinAMinute()), file), "capture.pdf.page.content.too.large",
                1L, 224L, 64L);
    }

    @Test
    void oneStreamUnderThePageBudgetDrawnByEveryPageIsRefusedAtTheDocumentBudget() throws Exception {
        // 40 MiB a page passes the page budget; 150 pages parse 6 GB.
        Path file = HostilePdfs.whitespaceContent(temp.resolve("every-page.pdf"), 150, 1, 40L << 20, 1);

        assertRefused(() -> importFile(importer(withinAMinute()), file), "capture.pdf.content.too.large", 1024L);
    }

    @Test
    void fortyStreamsEachUnderTheStreamCapAreRefusedAtTheDocumentBudget() throws Exception {
        Path file = HostilePdfs.whitespaceContent(temp.resolve("forty.pdf"), 40, 40, 112L << 20, 1);

        assertRefused(() -> importFile(importer(withinAMinute()), file), "capture.pdf.content.too.large", 1024L);
    }

    @Test
    void aJpeg2000ScanThatCannotBeDecodedSaysSoInsteadOfNoText() throws Exception {
        Path file = HostilePdfs.jpeg2000Scan(temp.resolve("jpx.pdf"));

        assertRefused(() -> importFile(importer(withinAMinute()), file), "capture.pdf.image.undecodable");
    }

    @Test
    void aTextBombIsCutAtTheGlyphCapAndSaysSo() throws Exception {
        // 1000 glyphs x 100 x 100 x 100 = 10^9 glyphs drawn from a file of a few kilobytes.
        Path bomb = HostilePdfs.textBomb(temp.resolve("text-bomb.pdf"), 3, 100);
        PdfLimits pdf = PdfLimits.defaults();
        ImportLimits limits = ImportLimits.defaults().withPdf(new PdfLimits(pdf.maxPages(), pdf.maxCharacters(),
                200_000, 200_000, pdf.maxOperators(), pdf.maxDecodedStreamBytes(), pdf.maxImagePixels()));

        // The page is cut off before it is laid out, so no text comes back: the reason says why.
        assertThatThrownBy(() -> importFile(importer(limits), bomb))
                .isInstanceOfSatisfying(MedScribeException.class,
                        refused -> {
                            assertThat(refused.isBadInput()).isTrue();
                            assertThat(refused.messageKey()).isEqualTo("capture.text.limit");
                        });
    }

    @Test
    void aReaderThatMakesNoProgressIsKilledAtTheStallLimit() throws Exception {
        // Caps lifted, so only the deadline can stop it: this is the endless-loop path.
        Path bomb = HostilePdfs.textBomb(temp.resolve("endless.pdf"), 4, 100);
        ImportLimits limits = ImportLimits.defaults()
                .withPdf(new PdfLimits(10, Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
                        128L * 1024 * 1024, 150_000_000))
                .withStallLimit(Duration.ofSeconds(4));

        long start = System.nanoTime();
        assertThatThrownBy(() -> importFile(importer(limits), bomb))
                .isInstanceOfSatisfying(MedScribeException.class, refused -> {
                    assertThat(refused.isBadInput()).isTrue();
                    // Usually the stall limit; a child that fills its small heap first reports that.
                    assertThat(refused.messageKey()).isIn("capture.timeout", "capture.too.complex");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void cancellingKillsTheReaderAtOnce() throws Exception {
        Path bomb = HostilePdfs.textBomb(temp.resolve("long.pdf"), 4, 100);
        ImportLimits limits = ImportLimits.defaults().withPdf(new PdfLimits(10, Integer.MAX_VALUE, Long.MAX_VALUE,
                Integer.MAX_VALUE, Long.MAX_VALUE, 128L * 1024 * 1024, 150_000_000));
        CancellationToken cancel = new CancellationToken();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        ProgressListener progress = (phase, fraction) -> {
            if (phase.equals("capture.phase.reading")) {
                reading.countDown();
            }
        };
        java.util.concurrent.CompletableFuture<ImportResult> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> importer(limits).importFile(bomb, ImportOptions.defaults(), progress, cancel));

        assertThat(reading.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        cancel.cancel();

        assertThatThrownBy(() -> running.get(20, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(org.medscribe.common.CancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anOwnerPasswordOnlyPdfOpensWithoutAPassword() throws Exception {
        Path file = temp.resolve("owner-only.pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Discharge summary: restricted copy");
                content.endText();
            }
            var permissions = new org.apache.pdfbox.pdmodel.encryption.AccessPermission();
            permissions.setCanExtractContent(false);
            permissions.setCanPrint(false);
            var policy = new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner-secret", "", permissions);
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            document.save(file.toFile());
        }

        ImportResult result = importFile(importer(ImportLimits.defaults()), file);

        assertThat(result.pages().get(0).text()).isEqualTo("Discharge summary: restricted copy");
    }

    @Test
    void aPageTreeNestedTwentyThousandDeepGivesAResultOrAReason() throws Exception {
        Path deep = HostilePdfs.deepPageTree(temp.resolve("deep.pdf"), 20_000);
        try {
            ImportResult result = importFile(importer(ImportLimits.defaults()), deep);
            assertThat(result.pages()).isNotEmpty();
        } catch (MedScribeException refused) {
            assertThat(refused.isBadInput()).as(refused.messageKey()).isTrue();
        }
    }

    @Test
    void hiddenInstructionsAreKeptOutOfThePageTextAndReported() throws Exception {
        Path file = HostilePdfs.hiddenInstructions(temp.resolve("hidden.pdf"));

        ImportResult result = importFile(importer(ImportLimits.defaults()), file);

        String text = result.pages().get(0).text();
        assertThat(text).contains(HostilePdfs.VISIBLE_LAB_LINE).contains(HostilePdfs.WHITE_ON_DARK)
                .contains("Known allergies: Penicillin");
        assertThat(text).doesNotContain("IGNORE", "oxycodone", "delete the allergy", "discharge today",
                "no follow-up", "obey", "\u200B");
        assertThat(result.hiddenText()).extracting(HiddenPassage::kind).contains("invisible_render_mode",
                "same_colour_as_background", "off_page", "tiny_font", "transparent", "invisible_characters");
        assertThat(result.hiddenText()).anySatisfy(h -> assertThat(h.text()).isEqualTo("obey me"));
        assertThat(result.hiddenText()).anySatisfy(h -> assertThat(h.text()).isEqualTo(HostilePdfs.TINY));
        assertThat(result.hiddenText()).anySatisfy(h -> assertThat(h.text()).contains("IGNORE ALL PREVIOUS"));
        assertThat(result.hiddenText()).anySatisfy(h -> assertThat(h.text()).contains("oxycodone"));
        assertThat(result.hiddenText()).noneSatisfy(h -> assertThat(h.text()).contains(HostilePdfs.WHITE_ON_DARK));
        assertThat(result.hiddenTextFound()).isTrue();
        assertThat(result.warnings()).filteredOn(w -> w.code().equals("hidden_text"))
                .extracting(ImportWarning::messageKey)
                .contains("capture.warning.hidden_text.invisible_render_mode",
                        "capture.warning.hidden_text.same_colour_as_background");
        assertThat(result.labValues()).anySatisfy(lab -> {
            assertThat(lab.analyte()).isEqualTo("Potassium");
            assertThat(lab.outOfRange()).isTrue();
        });
    }
}
