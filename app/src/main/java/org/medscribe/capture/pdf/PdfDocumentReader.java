package org.medscribe.capture.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * Reads one PDF with PDFBox under {@link PdfLimits}: opens it (with a password if it has one),
 * refuses decompression bombs, oversized images and pages that draw on too much content before
 * parsing content, then gives each page's
 * visible text, hidden text, filled form values, and a rendering of a page for OCR.
 *
 * <p><b>Run this only in a child process</b> (the importer does): PDFBox on a hostile file can still
 * loop for a long time or exhaust memory in ways no cap here prevents. Not thread-safe; one reader per
 * file. {@link #close()} frees the document and its temp-file stream cache.
 */
public final class PdfDocumentReader implements AutoCloseable {

    private static final int MAX_RENDER_PIXELS = 40_000_000;

    private final PDDocument document;
    private final PdfLimits limits;
    private final VisibleTextStripper stripper;
    private final boolean encrypted;
    private final List<FormFieldValue> formFields;
    private final List<String> xfaData;
    private int charactersLeft;

    private PdfDocumentReader(PDDocument document, PdfLimits limits) {
        this.document = document;
        this.limits = limits;
        this.stripper = new VisibleTextStripper(limits);
        this.encrypted = document.isEncrypted();
        this.charactersLeft = limits.maxCharacters();
        this.formFields = readQuietly(() -> FormFields.acroForm(document));
        this.xfaData = readQuietly(() -> FormFields.xfaData(document));
        flattenForm(document);
        AnnotationAppearances.flatten(document, limits.maxPages());
    }

    private static <T> List<T> readQuietly(java.util.function.Supplier<List<T>> reading) {
        try {
            return List.copyOf(reading.get());
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    /**
     * Draws the form fields' appearances into the page content, so a filled field reads in place,
     * next to its printed label, as the person who filled it saw it. Only this in-memory copy changes.
     */
    private static void flattenForm(PDDocument document) {
        try {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            if (form == null || form.xfaIsDynamic()) {
                return;
            }
            List<PDField> fields = new ArrayList<>();
            for (PDField field : form.getFieldTree()) {
                if (!(field instanceof PDSignatureField)) {
                    fields.add(field);
                }
            }
            form.flatten(fields, false);
        } catch (IOException | RuntimeException unflattenable) {
            // the listed field values still carry what was entered
        }
    }

    /**
     * Opens {@code file}. PDFBox's stream cache goes to temp files in {@code scratchDir}, never to a
     * shared temp directory.
     *
     * @param password the user's password, or null/empty to try the empty password (owner-only files open)
     * @throws MedScribeException BAD_INPUT with a reason: password needed or wrong, certificate
     *         encryption, damaged beyond repair, decompression bomb, oversized image, no pages
     */
    public static PdfDocumentReader open(Path file, String password, PdfLimits limits, Path scratchDir) {
        StreamCacheCreateFunction cache = MemoryUsageSetting.setupTempFileOnly().setTempDir(scratchDir.toFile()).streamCache;
        String pw = password == null ? "" : password;
        RandomAccessRead source = null;
        PDDocument document = null;
        try {
            source = new RandomAccessReadBufferedFile(file.toFile());
            PDFParser parser = new GuardedParser(source, pw, cache);
            document = parser.parse(true);
        } catch (InvalidPasswordException wrongPassword) {
            closeQuietly(source);
            throw new MedScribeException(Category.BAD_INPUT, wrongPassword,
                    pw.isEmpty() ? "capture.pdf.password.required" : "capture.pdf.password.wrong");
        } catch (CertificateEncryption certificate) {
            closeQuietly(source);
            throw new MedScribeException(Category.BAD_INPUT, "capture.pdf.encryption.certificate");
        } catch (UnsupportedEncryption unsupported) {
            closeQuietly(source);
            throw new MedScribeException(Category.BAD_INPUT, "capture.pdf.encryption.unsupported", unsupported.getMessage());
        } catch (IOException | RuntimeException broken) {
            closeQuietly(source);
            throw new MedScribeException(Category.BAD_INPUT, broken, "capture.pdf.damaged");
        }
        // PDDocument owns the source from here and closes it with itself.
        try {
            StreamBudget budget = new StreamBudget(limits);
            budget.check(document.getDocument());
            if (document.getNumberOfPages() < 1) {
                throw new MedScribeException(Category.BAD_INPUT, "capture.pdf.no.pages");
            }
            budget.checkPages(document, Math.min(document.getNumberOfPages(), limits.maxPages()));
            return new PdfDocumentReader(document, limits);
        } catch (MedScribeException refused) {
            closeQuietly(document);
            throw refused;
        } catch (RuntimeException broken) {
            closeQuietly(document);
            throw new MedScribeException(Category.BAD_INPUT, broken, "capture.pdf.damaged");
        }
    }

    /** Pages in the file (the reader reads at most {@link PdfLimits#maxPages()} of them). */
    public int pageCount() {
        return document.getNumberOfPages();
    }

    /** True when the file was encrypted (and opened with the given or the empty password). */
    public boolean encrypted() {
        return encrypted;
    }

    /**
     * The text of page {@code number} (1-based). A page whose content cannot be parsed gives empty
     * text (PDFBox skips what it cannot read); a document-wide cap ends the page early and says so.
     */
    public PageText readPage(int number) {
        stripper.beginPage(number);
        String raw;
        String truncatedBy = null;
        boolean unreadable = false;
        try {
            raw = stripper.getText(document);
        } catch (VisibleTextStripper.LimitReached limit) {
            raw = "";
            truncatedBy = limit.what();
        } catch (IOException | RuntimeException broken) {
            raw = "";
            unreadable = true;
        }
        InvisibleCharacters.Cleaned cleaned = InvisibleCharacters.clean(raw);
        List<HiddenText> hidden = new ArrayList<>(stripper.hiddenText());
        if (!cleaned.smuggled().isBlank()) {
            hidden.add(new HiddenText(number, HiddenTextKind.INVISIBLE_CHARACTERS, cleaned.smuggled()));
        } else if (cleaned.removed() > 0) {
            hidden.add(new HiddenText(number, HiddenTextKind.INVISIBLE_CHARACTERS, ""));
        }
        String text = tidy(cleaned.text());
        if (text.length() > charactersLeft) {
            text = text.substring(0, Math.max(0, charactersLeft));
            truncatedBy = "characters";
        }
        charactersLeft -= text.length();
        return new PageText(number, text, hidden, stripper.imagesDrawn(), cleaned.removed(), truncatedBy, unreadable,
                stripper.pageOperators());
    }

    /**
     * Whether page {@code number} shows an image that cannot be decoded (JPEG 2000, damaged JBIG2 or
     * CCITT data): rendered, it would come out blank.
     */
    public boolean hasUndecodableImage(int number) {
        try {
            return UndecodableImages.onPage(document.getPage(number - 1));
        } catch (RuntimeException broken) {
            return false;
        }
    }

    /** Filled AcroForm field values (the field's value entry), with their pages. */
    public List<FormFieldValue> formFields() {
        return formFields;
    }

    /** "name: value" lines from an XFA form's data, empty when the file has none. */
    public List<String> xfaData() {
        return xfaData;
    }

    /**
     * Renders page {@code number} in grey at up to {@code dpi}, lowered so the image stays within a
     * pixel cap (a poster-sized page would otherwise need gigabytes).
     */
    public BufferedImage renderPage(int number, float dpi) throws IOException {
        PDPage page = document.getPage(number - 1);
        PDRectangle box = page.getCropBox();
        double widthInches = Math.max(box.getWidth(), 1) / 72.0;
        double heightInches = Math.max(box.getHeight(), 1) / 72.0;
        long cap = Math.min(MAX_RENDER_PIXELS, limits.maxImagePixels());
        double fit = Math.sqrt(cap / (widthInches * heightInches));
        float effective = (float) Math.max(1, Math.min(dpi, fit));
        PDFRenderer renderer = new PDFRenderer(document);
        return renderer.renderImageWithDPI(number - 1, effective, ImageType.GRAY);
    }

    @Override
    public void close() {
        closeQuietly(document);
    }

    /** Trailing spaces off each line, runs of blank lines down to one, no leading/trailing blank lines. */
    static String tidy(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int blank = 0;
        for (String line : lines) {
            String trimmed = line.stripTrailing();
            if (trimmed.isBlank()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            out.append(trimmed);
        }
        return out.toString();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a broken document can fail; there is nothing more to free
        }
    }

    /** The file uses certificate (public-key) encryption: no password can open it. */
    private static final class CertificateEncryption extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static final class UnsupportedEncryption extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedEncryption(String filter) {
            super(filter);
        }
    }

    /**
     * Looks at the encryption dictionary before PDFBox picks a security handler, so certificate
     * encryption gets its own reason instead of a missing-class error from an optional library.
     */
    private static final class GuardedParser extends PDFParser {
        private static final COSName PUBLIC_KEY_FILTER = COSName.getPDFName("Adobe.PubSec");
        private static final COSName STANDARD_FILTER = COSName.getPDFName("Standard");

        GuardedParser(RandomAccessRead source, String password, StreamCacheCreateFunction cache) throws IOException {
            super(source, password, (InputStream) null, null, cache);
        }

        @Override
        protected void prepareDecryption() throws IOException {
            COSDictionary encryption = document.getEncryptionDictionary();
            if (encryption != null) {
                COSName filter = encryption.getCOSName(COSName.FILTER);
                if (PUBLIC_KEY_FILTER.equals(filter)) {
                    throw new CertificateEncryption();
                }
                if (filter != null && !STANDARD_FILTER.equals(filter)) {
                    throw new UnsupportedEncryption(filter.getName());
                }
            }
            super.prepareDecryption();
        }
    }
}
