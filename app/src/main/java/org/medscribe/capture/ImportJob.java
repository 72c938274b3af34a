package org.medscribe.capture;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.medscribe.capture.labs.LabValue;
import org.medscribe.capture.labs.LabValueFinder;
import org.medscribe.capture.ocr.ImageCleanup;
import org.medscribe.capture.ocr.ImageDocument;
import org.medscribe.capture.ocr.TesseractOcr;
import org.medscribe.capture.pdf.FormFieldValue;
import org.medscribe.capture.pdf.HiddenText;
import org.medscribe.capture.pdf.HiddenTextKind;
import org.medscribe.capture.pdf.PageText;
import org.medscribe.capture.pdf.PdfDocumentReader;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;

/**
 * The work of one import, done in the current process: sniff the file type, read the PDF pages or
 * image pages, OCR what is only an image, list hidden text, find lab values. {@link DocumentImporter}
 * runs this inside a child JVM ({@link ImportWorker}); tests and the fuzzer also call it directly.
 * One instance per import; not thread-safe.
 */
final class ImportJob {

    /** A page with fewer visible characters than this and an image on it is treated as a scan. */
    static final int SCANNED_PAGE_MAX_CHARACTERS = 20;
    /** A page without text but with this many drawing operators may show text as outlines or Type 3 shapes. */
    static final int DRAWN_PAGE_MIN_OPERATORS = 8;
    private static final float OCR_DPI = 300;
    private static final long MAX_PHOTO_PIXELS = 100_000_000L;

    private final ImportLimits limits;
    private final Path scratch;
    private final Optional<TesseractOcr> tesseract;
    private final ProgressListener progress;
    private final CancellationToken cancel;

    private final List<ImportedPage> pages = new ArrayList<>();
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final List<HiddenPassage> hidden = new ArrayList<>();
    private boolean ocrMissingForScan;
    private boolean undecodableScan;
    private String truncatedBy;
    private String ocrLanguages;

    ImportJob(ImportLimits limits, Path scratch, Optional<TesseractOcr> tesseract, ProgressListener progress,
            CancellationToken cancel) {
        this.limits = limits;
        this.scratch = scratch;
        this.tesseract = tesseract;
        this.progress = progress;
        this.cancel = cancel;
    }

    ImportResult run(Path file, String password, ImportOptions options) {
        long size;
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new MedScribeException(Category.BAD_INPUT, "capture.file.missing", file.getFileName().toString());
            }
            size = Files.size(file);
        } catch (IOException unreadable) {
            throw new MedScribeException(Category.BAD_INPUT, unreadable, "capture.file.missing",
                    String.valueOf(file.getFileName()));
        }
        if (size == 0) {
            throw new MedScribeException(Category.BAD_INPUT, "capture.file.empty");
        }
        if (size > limits.maxFileBytes()) {
            throw new MedScribeException(Category.BAD_INPUT, "capture.file.too.large", limits.maxFileBytes() / (1024 * 1024));
        }
        String sha256 = sha256(file);
        ocrLanguages = chooseLanguages(options);
        FileType type = FileType.sniff(file);
        int pageCount = switch (type) {
            case PDF -> readPdf(file, password, options.ocr());
            case IMAGE -> readImages(file, options.ocr());
            case UNKNOWN -> throw new MedScribeException(Category.BAD_INPUT, "capture.file.unsupported");
        };
        boolean anyText = pages.stream().anyMatch(p -> !p.text().isBlank());
        if (!anyText && hidden.isEmpty()) {
            if (truncatedBy != null) {
                throw new MedScribeException(Category.BAD_INPUT, "capture.text.limit", truncatedBy);
            }
            if (undecodableScan) {
                throw new MedScribeException(Category.BAD_INPUT, "capture.pdf.image.undecodable");
            }
            if (ocrMissingForScan) {
                throw new MedScribeException(Category.FAILED, "capture.ocr.missing");
            }
            throw new MedScribeException(Category.BAD_INPUT, "capture.no.text");
        }
        List<LabValue> labValues = new ArrayList<>();
        LabValueFinder finder = new LabValueFinder();
        for (ImportedPage page : pages) {
            labValues.addAll(finder.find(page.number(), page.text()));
        }
        return new ImportResult(file.getFileName().toString(), sha256,
                type == FileType.PDF ? DocumentKind.PDF : DocumentKind.IMAGE, pageCount, pages, warnings, hidden, labValues);
    }

    private String chooseLanguages(ImportOptions options) {
        if (options.ocrLanguages() != null && !options.ocrLanguages().isBlank()) {
            return options.ocrLanguages();
        }
        return tesseract.map(TesseractOcr::defaultLanguages).orElse("eng");
    }

    /** Once per import, when OCR ran without the Chinese language pack a Chinese clinic needs. */
    private void noteMissingChinese() {
        if (tesseract.isPresent() && !ocrLanguages.contains("chi_sim") && !tesseract.get().languages().contains("chi_sim")
                && warnings.stream().noneMatch(w -> w.code().equals("ocr_language_missing"))) {
            warn("ocr_language_missing", null, ocrLanguages);
        }
    }

    // ---------------------------------------------------------------- PDF

    private int readPdf(Path file, String password, boolean ocr) {
        progress.progress("capture.phase.opening", ProgressListener.INDETERMINATE);
        try (PdfDocumentReader reader = PdfDocumentReader.open(file, password, limits.pdf(), scratch)) {
            int total = reader.pageCount();
            int toRead = Math.min(total, limits.pdf().maxPages());
            if (toRead < total) {
                warn("pages_truncated", null, String.valueOf(total), String.valueOf(toRead));
            }
            List<FormFieldValue> fields = reader.formFields();
            for (int number = 1; number <= toRead; number++) {
                cancel.throwIfCancelled();
                progress.progress("capture.phase.reading", (double) (number - 1) / toRead);
                PageText page = reader.readPage(number);
                String text = page.text();
                boolean ocrUsed = false;
                Set<HiddenTextKind> kinds = new LinkedHashSet<>();
                for (HiddenText passage : page.hidden()) {
                    hidden.add(new HiddenPassage(number, passage.kind().code(), passage.text()));
                    kinds.add(passage.kind());
                }
                for (HiddenTextKind kind : kinds) {
                    if (kind == HiddenTextKind.OCR_TEXT_LAYER) {
                        warn("ocr_text_layer", number);
                    } else {
                        warnKey("hidden_text", number, hiddenTextKey(kind));
                    }
                }
                if (page.unreadable()) {
                    warn("page_unreadable", number);
                }
                boolean drawsSomething = page.imagesDrawn() > 0 || page.operators() > DRAWN_PAGE_MIN_OPERATORS;
                boolean undecodable = page.visibleCharacters() < SCANNED_PAGE_MAX_CHARACTERS
                        && page.imagesDrawn() > 0 && reader.hasUndecodableImage(number);
                if (undecodable) {
                    // Rendered, that image comes out blank: if OCR finds nothing, this is the reason, not
                    // "no text". OCR still runs, for the page's other images.
                    undecodableScan = true;
                    warn("image_undecodable", number);
                }
                // A page cut off at a cap is not rendered either: drawing it would meet the same bomb.
                if (page.visibleCharacters() < SCANNED_PAGE_MAX_CHARACTERS && drawsSomething && ocr
                        && page.truncatedBy() == null) {
                    String recognised = recognisePdfPage(reader, number);
                    if (recognised != null && ocrOutweighs(recognised, text)) {
                        text = recognised;
                        ocrUsed = true;
                        warn("ocr_used", number);
                    } else if (recognised != null && text.isBlank()) {
                        warn("ocr_empty", number);
                    }
                }
                text = withFormFields(text, number, fields);
                pages.add(new ImportedPage(number, text, ocrUsed));
                if (page.truncatedBy() != null) {
                    truncatedBy = page.truncatedBy();
                    warn("text_truncated", number, page.truncatedBy());
                    break;
                }
            }
            List<String> xfa = reader.xfaData();
            if (!xfa.isEmpty() && !pages.isEmpty()) {
                ImportedPage first = pages.get(0);
                String data = "[XFA form data]\n" + String.join("\n", xfa);
                pages.set(0, new ImportedPage(1, first.text().isBlank() ? data : first.text() + "\n\n" + data, first.ocr()));
                warn("xfa_form", 1);
            }
            return total;
        }
    }

    /**
     * Whether OCR text should replace a page's text layer: always when the layer is empty; when it
     * has a few characters (a page number on a scan) only if OCR found far more. OCR of a page whose
     * few characters are real text (a short Korean heading) is usually worse than the text itself.
     */
    static boolean ocrOutweighs(String recognised, String layer) {
        int ocrLength = recognised.strip().length();
        int layerLength = layer.strip().length();
        if (layerLength == 0) {
            return ocrLength > 0;
        }
        return ocrLength >= 3 * layerLength && ocrLength - layerLength >= 40;
    }

    private String withFormFields(String text, int page, List<FormFieldValue> fields) {
        String flat = squash(text);
        List<String> missing = new ArrayList<>();
        boolean smuggling = false;
        for (FormFieldValue field : fields) {
            if (field.page() != page) {
                continue;
            }
            if (field.invisibleCharacters() > 0) {
                hidden.add(new HiddenPassage(page, HiddenTextKind.INVISIBLE_CHARACTERS.code(), field.smuggled()));
                smuggling = true;
            }
            if (!field.value().isEmpty() && !flat.contains(squash(field.value()))) {
                missing.add((field.label().isBlank() ? "field" : field.label()) + ": " + field.value());
            }
        }
        if (smuggling && warnings.stream().noneMatch(w -> w.page() != null && w.page() == page
                && w.messageKey().equals("capture.warning.hidden_text.invisible_characters"))) {
            warnKey("hidden_text", page, hiddenTextKey(HiddenTextKind.INVISIBLE_CHARACTERS));
        }
        if (missing.isEmpty()) {
            return text;
        }
        warn("form_fields", page);
        String block = "[Form field values]\n" + String.join("\n", missing);
        return text.isBlank() ? block : text + "\n\n" + block;
    }

    private static String squash(String text) {
        return text.replaceAll("\\s+", "");
    }

    private String recognisePdfPage(PdfDocumentReader reader, int number) {
        if (tesseract.isEmpty()) {
            ocrMissingForScan = true;
            warn("ocr_unavailable", number);
            return null;
        }
        progress.progress("capture.phase.ocr", ProgressListener.INDETERMINATE);
        try {
            BufferedImage image = reader.renderPage(number, OCR_DPI);
            // Scans inside PDFs are as skewed and faint as photos; the same clean-up applies.
            ImageCleanup.Result cleaned = ImageCleanup.clean(image);
            noteMissingChinese();
            return tesseract.get().recognise(cleaned.image(), ocrLanguages, scratch, limits.ocrPageLimit());
        } catch (MedScribeException failed) {
            if (failed.category() == Category.CANCELLED) {
                throw failed;
            }
            warn("ocr_failed", number);
            return null;
        } catch (IOException | RuntimeException failed) {
            warn("ocr_failed", number);
            return null;
        }
    }

    // ---------------------------------------------------------------- photos and scans

    private int readImages(Path file, boolean ocr) {
        if (!ocr) {
            throw new MedScribeException(Category.BAD_INPUT, "capture.no.text");
        }
        if (tesseract.isEmpty()) {
            throw new MedScribeException(Category.FAILED, "capture.ocr.missing");
        }
        try (ImageDocument images = ImageDocument.open(file, MAX_PHOTO_PIXELS, limits.maxImagePages())) {
            int count = images.pageCount();
            for (int i = 0; i < count; i++) {
                cancel.throwIfCancelled();
                int number = i + 1;
                progress.progress("capture.phase.ocr", (double) i / count);
                ImageCleanup.Result cleaned = ImageCleanup.clean(images.page(i));
                if (Math.abs(cleaned.skewDegrees()) >= 0.3) {
                    warn("image_straightened", number, String.format(java.util.Locale.ROOT, "%.1f", cleaned.skewDegrees()));
                }
                String text;
                noteMissingChinese();
                try {
                    text = tesseract.get().recognise(cleaned.image(), ocrLanguages, scratch, limits.ocrPageLimit());
                } catch (MedScribeException failed) {
                    if (failed.category() == Category.CANCELLED) {
                        throw failed;
                    }
                    warn("ocr_failed", number);
                    text = "";
                }
                if (text.isBlank()) {
                    warn("ocr_empty", number);
                }
                pages.add(new ImportedPage(number, text, true));
            }
            return count;
        }
    }

    // ---------------------------------------------------------------- helpers

    private void warn(String code, Integer page, String... arguments) {
        warnKey(code, page, warningKey(code), arguments);
    }

    /** Keys written out in full, so the bundle consistency check finds every one. */
    private static String warningKey(String code) {
        return switch (code) {
            case "ocr_text_layer" -> "capture.warning.ocr_text_layer";
            case "ocr_used" -> "capture.warning.ocr_used";
            case "ocr_empty" -> "capture.warning.ocr_empty";
            case "ocr_unavailable" -> "capture.warning.ocr_unavailable";
            case "ocr_failed" -> "capture.warning.ocr_failed";
            case "image_straightened" -> "capture.warning.image_straightened";
            case "pages_truncated" -> "capture.warning.pages_truncated";
            case "text_truncated" -> "capture.warning.text_truncated";
            case "page_unreadable" -> "capture.warning.page_unreadable";
            case "image_undecodable" -> "capture.warning.image_undecodable";
            case "form_fields" -> "capture.warning.form_fields";
            case "xfa_form" -> "capture.warning.xfa_form";
            case "ocr_language_missing" -> "capture.warning.ocr_language_missing";
            default -> throw new IllegalArgumentException(code);
        };
    }

    private static String hiddenTextKey(HiddenTextKind kind) {
        return switch (kind) {
            case INVISIBLE_RENDER_MODE -> "capture.warning.hidden_text.invisible_render_mode";
            case TRANSPARENT -> "capture.warning.hidden_text.transparent";
            case SAME_COLOUR_AS_BACKGROUND -> "capture.warning.hidden_text.same_colour_as_background";
            case OFF_PAGE -> "capture.warning.hidden_text.off_page";
            case TINY_FONT -> "capture.warning.hidden_text.tiny_font";
            case INVISIBLE_CHARACTERS -> "capture.warning.hidden_text.invisible_characters";
            case OCR_TEXT_LAYER -> "capture.warning.ocr_text_layer";
        };
    }

    private void warnKey(String code, Integer page, String key, String... arguments) {
        List<String> args = new ArrayList<>();
        if (page != null) {
            args.add(String.valueOf(page));
        }
        args.addAll(List.of(arguments));
        warnings.add(new ImportWarning(code, page, key, args));
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException unreadable) {
            throw new MedScribeException(Category.BAD_INPUT, unreadable, "capture.file.missing",
                    String.valueOf(file.getFileName()));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The file's type from its first bytes, not its name. */
    enum FileType {
        PDF, IMAGE, UNKNOWN;

        static FileType sniff(Path file) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(1024);
            } catch (IOException unreadable) {
                throw new MedScribeException(Category.BAD_INPUT, unreadable, "capture.file.missing",
                        String.valueOf(file.getFileName()));
            }
            if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
                return IMAGE;
            }
            if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
                return IMAGE;
            }
            if (head.length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                    || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
                return IMAGE;
            }
            // PDF readers accept junk before the header; so does PDFBox, within the first kilobyte.
            String ascii = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (ascii.contains("%PDF-")) {
                return PDF;
            }
            return UNKNOWN;
        }
    }
}
