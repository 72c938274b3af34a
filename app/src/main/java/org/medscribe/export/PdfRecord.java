package org.medscribe.export;

import org.medscribe.record.RecordFile;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * The record as a printable A4 PDF: clinic letterhead (logo, name, address), title, patient block,
 * sections, signature line with signer and time; on every page a footer with record version, content
 * hash and "page n of m", and on a draft a diagonal DRAFT watermark. Chinese and English are set in
 * the bundled WenQuanYi Micro Hei font, embedded as a subset, so the file prints the same anywhere
 * and its text copies out again.
 *
 * <p>Stateless; each call builds its own document. The font (5 MB) is read per call.
 */
public final class PdfRecord {

    static final String FONT_RESOURCE = "/org/medscribe/export/fonts/wqy-microhei.ttc";

    private static final float MARGIN = 56f;
    private static final float FOOTER_HEIGHT = 28f;
    private static final float BODY_SIZE = 10.5f;
    private static final float HEADING_SIZE = 11.5f;
    private static final float LEADING = 1.45f;
    private static final Color INK = new Color(0x1A, 0x1A, 0x1A);
    private static final Color MUTED = new Color(0x55, 0x55, 0x55);
    private static final Color RULE = new Color(0xB0, 0xB0, 0xB0);

    private PdfRecord() {
    }

    /**
     * Writes the PDF to {@code out} (not closed).
     *
     * @throws MedScribeException BAD_INPUT for an unreadable logo, FAILED for a missing font or I/O error
     */
    public static void write(RecordDocument record, ClinicHeader clinic, OutputStream out) {
        ClinicHeader header = clinic == null ? ClinicHeader.none() : clinic;
        try (PDDocument document = new PDDocument(); TrueTypeCollection collection = loadCollection()) {
            TrueTypeFont face = regularFace(collection);
            PDType0Font font = PDType0Font.load(document, face, true);
            Layout layout = new Layout(document, font, face, new RecordLabels(record), record);
            layout.letterhead(header);
            layout.titleAndPatient();
            layout.sections();
            layout.signature();
            layout.finish();
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(layout.labels.title(record));
            info.setCreator("MedScribe");
            document.save(out);
        } catch (IOException failed) {
            throw new MedScribeException(Category.FAILED, failed, "export.write.failed", "PDF");
        }
    }

    private static TrueTypeCollection loadCollection() throws IOException {
        InputStream font = PdfRecord.class.getResourceAsStream(FONT_RESOURCE);
        if (font == null) {
            throw new MedScribeException(Category.FAILED, "export.font.missing");
        }
        try (font) {
            return new TrueTypeCollection(font);
        }
    }

    /** The proportional face of the collection (it also holds a monospaced one). */
    private static TrueTypeFont regularFace(TrueTypeCollection collection) throws IOException {
        TrueTypeFont[] chosen = new TrueTypeFont[1];
        collection.processAllFonts(ttf -> {
            String name = ttf.getName();
            if (chosen[0] == null && name != null && !name.toLowerCase(java.util.Locale.ROOT).contains("mono")) {
                chosen[0] = ttf;
            }
        });
        if (chosen[0] == null) {
            throw new MedScribeException(Category.FAILED, "export.font.missing");
        }
        return chosen[0];
    }

    /** Places text top to bottom, page after page. Single use. */
    private static final class Layout {
        private final PDDocument document;
        private final PDType0Font font;
        private final TrueTypeFont face;
        private final CmapLookup cmap;
        private final RecordLabels labels;
        private final RecordDocument record;
        private final Map<Integer, Boolean> glyphs = new HashMap<>();
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream content;
        private float y;

        Layout(PDDocument document, PDType0Font font, TrueTypeFont face, RecordLabels labels, RecordDocument record)
                throws IOException {
            this.document = document;
            this.font = font;
            this.face = face;
            this.cmap = face.getUnicodeCmapLookup();
            this.labels = labels;
            this.record = record;
            newPage();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void ensureRoom(float height) throws IOException {
            if (y - height < MARGIN + FOOTER_HEIGHT) {
                newPage();
            }
        }

        void letterhead(ClinicHeader header) throws IOException {
            if (header.isEmpty()) {
                return;
            }
            float top = y;
            float textX = MARGIN;
            float logoHeight = 0;
            if (header.logo() != null) {
                PDImageXObject logo = logo(header);
                logoHeight = 48f;
                float logoWidth = Math.min(120f, logo.getWidth() * logoHeight / Math.max(1, logo.getHeight()));
                logoHeight = logo.getHeight() * logoWidth / Math.max(1, logo.getWidth());
                content.drawImage(logo, MARGIN, top - logoHeight, logoWidth, logoHeight);
                textX = MARGIN + logoWidth + 12f;
            }
            float textWidth = MARGIN + width - textX;
            float cursor = top;
            if (header.name() != null && !header.name().isBlank()) {
                for (String line : wrap(header.name(), 16f, textWidth)) {
                    cursor -= 16f * 1.2f;
                    text(line, textX, cursor, 16f, INK, true);
                }
            }
            if (header.address() != null && !header.address().isBlank()) {
                for (String paragraph : header.address().split("\\R")) {
                    for (String line : wrap(paragraph, 9f, textWidth)) {
                        cursor -= 9f * 1.4f;
                        text(line, textX, cursor, 9f, MUTED, false);
                    }
                }
            }
            y = Math.min(cursor, top - logoHeight) - 10f;
            rule();
        }

        private PDImageXObject logo(ClinicHeader header) {
            try {
                if (!Files.isRegularFile(header.logo())) {
                    throw new IOException("no logo file");
                }
                return PDImageXObject.createFromFileByContent(header.logo().toFile(), document);
            } catch (IOException | IllegalArgumentException unreadable) {
                throw new MedScribeException(Category.BAD_INPUT, unreadable, "export.logo.unreadable",
                        String.valueOf(header.logo().getFileName()));
            }
        }

        void titleAndPatient() throws IOException {
            String title = labels.title(record);
            float size = 15f;
            y -= size * 1.6f;
            float titleWidth = width(title, size);
            text(title, MARGIN + (width - titleWidth) / 2, y, size, INK, true);
            y -= 10f;
            List<String[]> fields = new ArrayList<>();
            RecordFile.Patient p = record.patient();
            add(fields, "export.label.patient", p.name());
            add(fields, "export.label.sex", labels.code("encounters.sex.", p.sex()));
            add(fields, "export.label.birth_date", p.birthDate());
            add(fields, "export.label.age", p.age());
            add(fields, "export.label.mrn", p.mrn());
            add(fields, "export.label.encounter_date", record.encounterDate());
            add(fields, "export.label.visit_type", labels.code("encounters.visit.", record.visitType()));
            float column = width / 2;
            for (int i = 0; i < fields.size(); i += 2) {
                y -= BODY_SIZE * LEADING;
                for (int c = 0; c < 2 && i + c < fields.size(); c++) {
                    String[] field = fields.get(i + c);
                    String line = field[0] + labels.colon() + field[1];
                    List<String> fitted = wrap(line, BODY_SIZE, column - 8f);
                    text(fitted.get(0), MARGIN + c * column, y, BODY_SIZE, INK, false);
                }
            }
            y -= 8f;
            rule();
            y -= 4f;
        }

        private void add(List<String[]> fields, String key, String value) {
            if (value != null && !value.isBlank()) {
                fields.add(new String[] {labels.get(key), value});
            }
        }

        void sections() throws IOException {
            for (RecordDocument.Section section : record.sections()) {
                ensureRoom(HEADING_SIZE * 2 + BODY_SIZE * LEADING);
                y -= HEADING_SIZE * 1.7f;
                text(labels.heading(section), MARGIN, y, HEADING_SIZE, INK, true);
                String body = section.text().isBlank() ? labels.get("export.label.not_documented") : section.text();
                for (String paragraph : body.split("\\R")) {
                    if (paragraph.isBlank()) {
                        continue;
                    }
                    for (String line : wrap(paragraph.strip(), BODY_SIZE, width)) {
                        ensureRoom(BODY_SIZE * LEADING);
                        y -= BODY_SIZE * LEADING;
                        text(line, MARGIN, y, BODY_SIZE, INK, false);
                    }
                }
            }
        }

        void signature() throws IOException {
            ensureRoom(BODY_SIZE * 5);
            y -= BODY_SIZE * 2.5f;
            RecordFile.Signature signature = record.signature();
            if (record.status() == RecordDocument.Status.SIGNED && signature != null) {
                String signer = labels.get("export.label.signed_by") + labels.colon()
                        + (signature.signer() == null ? "" : signature.signer());
                text(signer, MARGIN, y, BODY_SIZE, INK, false);
                if (signature.signedAt() != null) {
                    String at = labels.get("export.label.signed_at") + labels.colon() + SignedTime.format(signature.signedAt());
                    text(at, MARGIN + width / 2, y, BODY_SIZE, INK, false);
                }
                content.setStrokingColor(INK);
                content.setLineWidth(0.5f);
                float lineStart = MARGIN + width(labels.get("export.label.signed_by") + labels.colon(), BODY_SIZE);
                content.moveTo(lineStart, y - 3f);
                content.lineTo(MARGIN + width / 2 - 12f, y - 3f);
                content.stroke();
                if (signature.amendmentReason() != null && !signature.amendmentReason().isBlank()) {
                    amendmentReason(signature.amendmentReason());
                }
            } else {
                text(labels.get("export.label.draft.notice"), MARGIN, y, BODY_SIZE, MUTED, true);
            }
        }

        /** Under the signature: why this version amends the one signed before it, wrapped to the page. */
        private void amendmentReason(String reason) throws IOException {
            String label = labels.get("export.label.amendment_reason") + labels.colon();
            for (String line : wrap(label + reason, BODY_SIZE, width)) {
                ensureRoom(BODY_SIZE * 2);
                y -= BODY_SIZE * 1.5f;
                text(line, MARGIN, y, BODY_SIZE, INK, false);
            }
        }

        /** Footers, page numbers and the draft watermark go on once the page count is known. */
        void finish() throws IOException {
            content.close();
            int pages = document.getNumberOfPages();
            String version = record.signature() != null && record.signature().version() != null
                    ? labels.get("export.label.version", String.valueOf(record.signature().version())) + "   " : "";
            String footer = version + labels.get("export.label.hash", RecordFingerprint.of(record));
            for (int i = 0; i < pages; i++) {
                PDPage page = document.getPage(i);
                try (PDPageContentStream stream = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    content = stream;
                    content.setStrokingColor(RULE);
                    content.setLineWidth(0.5f);
                    content.moveTo(MARGIN, MARGIN + 12f);
                    content.lineTo(MARGIN + width, MARGIN + 12f);
                    content.stroke();
                    List<String> footerLines = wrap(footer, 7f, width - 90f);
                    float fy = MARGIN + 2f;
                    text(footerLines.get(0), MARGIN, fy, 7f, MUTED, false);
                    String pageLabel = labels.get("export.label.page", String.valueOf(i + 1), String.valueOf(pages));
                    text(pageLabel, MARGIN + width - width(pageLabel, 8f), fy, 8f, MUTED, false);
                    if (footerLines.size() > 1) {
                        text(footerLines.get(1), MARGIN, fy - 9f, 7f, MUTED, false);
                    }
                    if (record.status() == RecordDocument.Status.DRAFT) {
                        watermark();
                    }
                }
            }
        }

        private void watermark() throws IOException {
            String mark = labels.get("export.label.draft");
            float size = 96f;
            PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
            faint.setNonStrokingAlphaConstant(0.12f);
            content.saveGraphicsState();
            content.setGraphicsStateParameters(faint);
            content.setNonStrokingColor(new Color(0xC0, 0x00, 0x00));
            content.beginText();
            content.setFont(font, size);
            float w = width(mark, size);
            float cx = PDRectangle.A4.getWidth() / 2;
            float cy = PDRectangle.A4.getHeight() / 2;
            Matrix matrix = Matrix.getRotateInstance(Math.toRadians(45), cx, cy);
            matrix.translate(-w / 2, -size / 3);
            content.setTextMatrix(matrix);
            content.showText(printable(mark));
            content.endText();
            content.restoreGraphicsState();
        }

        private void rule() throws IOException {
            content.setStrokingColor(RULE);
            content.setLineWidth(0.6f);
            content.moveTo(MARGIN, y);
            content.lineTo(MARGIN + width, y);
            content.stroke();
        }

        private void text(String line, float x, float baseline, float size, Color colour, boolean bold) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(colour);
            if (bold) {
                // The font has one weight; a thin outline in the text colour reads as bold.
                content.setRenderingMode(RenderingMode.FILL_STROKE);
                content.setStrokingColor(colour);
                content.setLineWidth(size * 0.03f);
            } else {
                content.setRenderingMode(RenderingMode.FILL);
            }
            content.newLineAtOffset(x, baseline);
            content.showText(printable(line));
            content.endText();
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(printable(text)) / 1000f * size;
        }

        /**
         * Replaces what the font cannot draw: controls become spaces, a symbol without a glyph its
         * compatibility form (℃ → °C, ① → 1) when the font has that, else "?".
         */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp)) {
                    out.append(' ');
                } else if (hasGlyph(cp)) {
                    out.appendCodePoint(cp);
                } else {
                    String compatible = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
                    boolean drawable = !compatible.isEmpty() && compatible.codePoints().allMatch(this::hasGlyph);
                    out.append(drawable ? compatible : "?");
                }
            });
            return out.toString();
        }

        /** Mapped to a glyph that draws something (some fonts map symbols to empty outlines). */
        private boolean hasGlyph(int cp) {
            return glyphs.computeIfAbsent(cp, c -> {
                int gid = cmap.getGlyphId(c);
                if (gid <= 0) {
                    return false;
                }
                if (Character.isSpaceChar(c)) {
                    return true;
                }
                try {
                    GlyphData glyph = face.getGlyph().getGlyph(gid);
                    return glyph != null && glyph.getNumberOfContours() != 0;
                } catch (IOException unreadable) {
                    return false;
                }
            });
        }

        /** Breaks {@code paragraph} into lines no wider than {@code max}, at the language's break points. */
        private List<String> wrap(String paragraph, float size, float max) throws IOException {
            List<String> lines = new ArrayList<>();
            BreakIterator breaks = BreakIterator.getLineInstance(record.locale());
            breaks.setText(paragraph);
            StringBuilder line = new StringBuilder();
            int start = breaks.first();
            for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
                String piece = paragraph.substring(start, end);
                if (width(line + piece.stripTrailing(), size) <= max) {
                    line.append(piece);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                }
                // A piece wider than the line (a long URL or number) is cut by characters.
                while (width(piece.stripTrailing(), size) > max) {
                    int cut = piece.length();
                    while (cut > 1 && width(piece.substring(0, cut), size) > max) {
                        cut--;
                    }
                    lines.add(piece.substring(0, cut));
                    piece = piece.substring(cut);
                }
                line.append(piece);
            }
            if (line.length() > 0 || lines.isEmpty()) {
                lines.add(line.toString().stripTrailing());
            }
            return lines;
        }
    }
}
