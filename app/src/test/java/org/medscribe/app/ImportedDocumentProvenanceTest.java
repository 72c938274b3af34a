package org.medscribe.app;

import org.medscribe.review.StoredEncounters;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.capture.DocumentImporter;
import org.medscribe.capture.ImportOptions;
import org.medscribe.capture.ImportResult;
import org.medscribe.capture.DocumentProvenance;
import org.medscribe.capture.ui.SourceItem;
import org.medscribe.capture.ui.SourcesViewModel;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.review.Encounters;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.Actor;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.PageSpan;
import org.medscribe.storage.Source;
import org.medscribe.record.SourceKind;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.RunningWork;
import org.medscribe.ui.UnexpectedErrors;

/**
 * An imported document keeps its provenance through the desktop's path: the real importer
 * ({@link CaptureImporting}), the sources column, the encounter saved into a real encrypted store in
 * a temp dir, and the encounter reopened after the store was closed: the file's SHA-256, its media
 * type, the page count, and page spans that map an offset of the (pages-joined) text to its page.
 */
class ImportedDocumentProvenanceTest {

    @TempDir
    Path temp;

    private final Executor sameThread = Runnable::run;
    private final List<String> unexpected = new ArrayList<>();

    @Test
    void aMultiPagePdfKeepsHashMediaTypeAndPagesWhenReopened() throws Exception {
        // 14-page paper from the pdf.js test suite (Apache-2.0 repository; ../shared/data/pdfs/MANIFEST.csv).
        Path pdf = TestModels.data("pdfs/text-real-world__tracemonkey.pdf");
        // What the importer read, page by page: the reference for which characters are page 2's.
        ImportResult reference = new DocumentImporter(temp.resolve("reference")).importFile(pdf,
                ImportOptions.defaults(), ProgressListener.NONE, CancellationToken.none());
        String pageTwo = reference.pages().get(1).text();
        String pageTwoLine = pageTwo.lines().filter(line -> line.strip().length() > 30)
                .filter(line -> reference.fullText().indexOf(line) == reference.fullText().lastIndexOf(line))
                .findFirst().orElseThrow();

        SourceItem reopened = importSaveAndReopen(pdf);

        DocumentProvenance provenance = reopened.provenance();
        assertThat(provenance.fileSha256()).isEqualTo(sha256(pdf));
        assertThat(provenance.mediaType()).isEqualTo("application/pdf");
        assertThat(reopened.pageCount()).isEqualTo(14);
        assertThat(provenance.pages()).extracting(DocumentProvenance.Page::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        // The text keeps its layout (pages joined by a blank line), so evidence offsets stay valid.
        String text = reopened.text().get();
        assertThat(text).isEqualTo(reference.fullText());
        int offset = text.indexOf(pageTwoLine);
        assertThat(offset).isPositive();
        assertThat(provenance.pageAt(offset)).hasValue(2);
        assertThat(provenance.pageAt(offset + pageTwoLine.length() - 1)).hasValue(2);
        DocumentProvenance.Page second = provenance.pages().get(1);
        assertThat(text.substring(second.start(), second.end())).isEqualTo(pageTwo);
        assertThat(provenance.pageAt(0)).hasValue(1);
        assertThat(provenance.pageAt(second.start() - 1)).isEmpty(); // the blank line between pages 1 and 2
        assertThat(provenance.pageAt(text.length() - 1)).hasValue(14);
    }

    @Test
    void aPhotoIsKeptAsPngWithItsHash() throws Exception {
        Path png = temp.resolve("lab-slip.png");
        ImageIO.write(labSlip(), "png", png.toFile());

        SourceItem reopened = importSaveAndReopen(png);

        assertThat(reopened.provenance().mediaType()).isEqualTo("image/png");
        assertThat(reopened.provenance().fileSha256()).isEqualTo(sha256(png));
        assertThat(reopened.pageCount()).isEqualTo(1);
        assertThat(reopened.provenance().pages()).singleElement()
                .isEqualTo(new DocumentProvenance.Page(1, 0, reopened.text().get().length()));
        assertThat(reopened.text().get()).containsIgnoringCase("potassium");
    }

    @Test
    void aJpegAndATiffAreNamedByTheirBytesNotTheirFileName() throws IOException {
        Path jpeg = temp.resolve("scan.png"); // misnamed on purpose
        ImageIO.write(labSlip(), "jpg", jpeg.toFile());
        Path tiff = temp.resolve("scan.tif");
        ImageIO.write(labSlip(), "tiff", tiff.toFile());
        Path text = Files.writeString(temp.resolve("note.png"), "not an image");

        assertThat(CaptureImporting.mediaType(jpeg)).isEqualTo("image/jpeg");
        assertThat(CaptureImporting.mediaType(tiff)).isEqualTo("image/tiff");
        assertThat(CaptureImporting.mediaType(text)).isNull();
        assertThat(CaptureImporting.mediaType(temp.resolve("missing.png"))).isNull();
    }

    /**
     * Imports {@code file} as the sources column does, saves the encounter as the workspace does,
     * closes the store, opens it again and restores the encounter's sources: the document shown.
     */
    private SourceItem importSaveAndReopen(Path file) throws Exception {
        AppDirectories directories = new AppDirectories(temp.resolve("data"));
        SourcesViewModel sources = sources(new CaptureImporting(new DocumentImporter(temp.resolve("import"))));
        sources.importDocument(file);
        assertThat(unexpected).isEmpty();
        assertThat(sources.message().get()).isNull();
        SourceItem imported = sources.sources().get(1);

        String encounterId;
        try (EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()))) {
            StoredEncounters encounters = new StoredEncounters(store, Clock.systemUTC(), "soap-en");
            encounterId = encounters.create("Ann Lee", "MRN-7").id();
            encounters.save(encounterId, new Encounters.Content("", List.of(new Encounters.Document(imported.id(),
                    imported.label(), imported.text().get(), imported.pageCount(), imported.provenance())),
                    "soap-en", null, List.of()));
            // Saved again unchanged (leaving the encounter): the document is not kept twice.
            encounters.save(encounterId, new Encounters.Content("", List.of(new Encounters.Document(imported.id(),
                    imported.label(), imported.text().get(), imported.pageCount(), imported.provenance())),
                    "soap-en", null, List.of()));
        }
        try (EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()))) {
            List<Source> stored = store.encounters().openEncounter(encounterId, Actor.system()).sources();
            assertThat(stored).singleElement().satisfies(source -> {
                assertThat(source.kind()).isEqualTo(SourceKind.DOCUMENT);
                assertThat(source.fileSha256()).isEqualTo(imported.provenance().fileSha256());
                assertThat(source.mediaType()).isEqualTo(imported.provenance().mediaType());
                assertThat(source.pages()).extracting(PageSpan::page)
                        .containsExactlyElementsOf(imported.provenance().pages().stream()
                                .map(DocumentProvenance.Page::number).toList());
            });
            Encounters.Content content = new StoredEncounters(store, Clock.systemUTC(), "soap-en").open(encounterId);
            SourcesViewModel shown = sources(null);
            shown.restore(content.note(), content.documents().stream()
                    .map(d -> new SourceItem(d.id(), SourceItem.Kind.DOCUMENT, d.label(), d.pageCount(), d.text(),
                            d.provenance()))
                    .toList());
            assertThat(shown.sources()).hasSize(2);
            SourceItem reopened = shown.sources().get(1);
            assertThat(reopened.label()).isEqualTo(file.getFileName().toString());
            assertThat(reopened.provenance()).isEqualTo(imported.provenance());
            return reopened;
        }
    }

    private SourcesViewModel sources(org.medscribe.capture.ui.DocumentImporting importing) {
        BackgroundTasks tasks = new BackgroundTasks(sameThread, sameThread, sameThread,
                new UnexpectedErrors(sameThread, unexpected::add));
        return new SourcesViewModel(importing, tasks, new NoDialogs(), new RunningWork());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** A photographed lab slip: dark print on white, large enough for OCR. */
    private static BufferedImage labSlip() {
        BufferedImage image = new BufferedImage(1400, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 48));
        g.drawString("Potassium 3.2 mmol/L 3.5-5.1 L", 60, 140);
        g.drawString("Sodium 139 mmol/L 135-145", 60, 240);
        g.dispose();
        return image;
    }

    /** The sources column asks nothing of the desktop here (no chooser, no password). */
    private static final class NoDialogs extends org.medscribe.ui.QuietDialogs {
        @Override
        public void showUnexpectedError(String errorCode) {
            throw new AssertionError("unexpected error " + errorCode);
        }
    }
}
