package org.medscribe.capture.pdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetStrokingDeviceRGBColor;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDSimpleFont;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

/**
 * PDFBox's text stripper, changed in what it lets through and how it lays lines out:
 * <ul>
 *   <li>glyphs a reader cannot see (invisible render mode, zero alpha, the colour of what is painted
 *       behind them, outside the page, too small to read) are kept out of the text and collected as
 *       {@link HiddenText};</li>
 *   <li>lines are sorted by position so table rows stay rows, but a page set in two columns of prose
 *       is read column by column ({@link ReadingOrder});</li>
 *   <li>a wide horizontal gap (between table cells) becomes three spaces instead of one;</li>
 *   <li>non-embedded fonts named in GBK bytes, whose codes are GBK byte pairs, are decoded as GBK;</li>
 *   <li>glyphs and operators are counted against document-wide caps.</li>
 * </ul>
 * One instance reads one document, page by page, on one thread.
 */
final class VisibleTextStripper extends PDFTextStripper {

    /** Thrown when a document-wide cap is reached; the reader stops there and reports truncation. */
    static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String what;

        LimitReached(String what) {
            super(what, null, false, false);
            this.what = what;
        }

        String what() {
            return what;
        }
    }

    private static final float TINY_FONT_POINTS = 1.5f;
    private static final float OFF_PAGE_MARGIN = 2f;
    private static final float SAME_COLOUR_DISTANCE = 0.06f;
    private static final int MAX_HIDDEN_RUN_CHARS = 2_000;
    private static final int MAX_HIDDEN_RUNS_PER_PAGE = 200;
    private static final Charset GBK = Charset.forName("GBK");
    private static final float WIDE_GAP_SPACES = 3.5f;

    /** Something painted on the page that text could sit on; colour null means an image or shading. */
    private record Backdrop(float minX, float minY, float maxX, float maxY, float[] rgb) {
        boolean contains(float x, float y) {
            return x >= minX && x <= maxX && y >= minY && y <= maxY;
        }
    }

    private final PdfLimits limits;
    private long glyphs;
    private int pageGlyphs;
    private long operators;

    private int pageNumber;
    private PDRectangle cropBox;
    private final List<Backdrop> backdrops = new ArrayList<>();
    private final List<float[]> pendingRectangles = new ArrayList<>();
    private int imagesDrawn;
    private long pageOperators;
    private final List<HiddenText> hidden = new ArrayList<>();
    private HiddenTextKind runKind;
    private final StringBuilder run = new StringBuilder();
    private TextPosition runLast;
    private final Map<PDFont, Boolean> gbkFonts = new IdentityHashMap<>();
    private TextPosition gbkLead;

    private TextPosition lastWordEnd;
    private boolean separatorPending;

    VisibleTextStripper(PdfLimits limits) {
        this.limits = limits;
        setSortByPosition(true);
        setSuppressDuplicateOverlappingText(true);
        setLineSeparator("\n");
        setParagraphEnd("");
        setPageEnd("");
        // The stripper does not track colours by default; hidden-text detection needs them.
        addOperator(new SetStrokingColorSpace(this));
        addOperator(new SetNonStrokingColorSpace(this));
        addOperator(new SetStrokingColor(this));
        addOperator(new SetNonStrokingColor(this));
        addOperator(new SetStrokingColorN(this));
        addOperator(new SetNonStrokingColorN(this));
        addOperator(new SetStrokingDeviceGrayColor(this));
        addOperator(new SetNonStrokingDeviceGrayColor(this));
        addOperator(new SetStrokingDeviceRGBColor(this));
        addOperator(new SetNonStrokingDeviceRGBColor(this));
        addOperator(new SetStrokingDeviceCMYKColor(this));
        addOperator(new SetNonStrokingDeviceCMYKColor(this));
    }

    /** Prepares for page {@code number} (1-based); call before extracting it. */
    void beginPage(int number) {
        pageNumber = number;
        hidden.clear();
        backdrops.clear();
        pendingRectangles.clear();
        imagesDrawn = 0;
        pageOperators = 0;
        pageGlyphs = 0;
        run.setLength(0);
        runKind = null;
        runLast = null;
        gbkLead = null;
        setStartPage(number);
        setEndPage(number);
    }

    /** Hidden text found on the current page. */
    List<HiddenText> hiddenText() {
        flushRun();
        return List.copyOf(hidden);
    }

    /** Images (XObjects, inline images, shadings) drawn on the current page: a scan has at least one. */
    int imagesDrawn() {
        return imagesDrawn;
    }

    /**
     * Content operators run on the current page, plus glyphs shown: a page drawn in outlines, or in a
     * font that maps to no text, draws a lot and yields no text.
     */
    long pageOperators() {
        return pageOperators;
    }

    @Override
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, org.apache.pdfbox.util.Vector displacement)
            throws IOException {
        pageOperators++;
        super.showGlyph(textRenderingMatrix, font, code, displacement);
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
        cropBox = page.getCropBox();
        super.startPage(page);
    }

    // ---------------------------------------------------------------- operators: caps and backdrops

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (++operators > limits.maxOperators()) {
            throw new LimitReached("operators");
        }
        pageOperators++;
        String name = operator.getName();
        switch (name) {
            case "re" -> addRectangle(operands);
            case "f", "F", "f*", "B", "B*", "b", "b*" -> fillPendingRectangles();
            case "n", "S", "s" -> pendingRectangles.clear();
            case "BI", "sh" -> addOpaqueBackdrop(true);
            case "Do" -> {
                if (!operands.isEmpty() && operands.get(0) instanceof COSName xobject && isImage(xobject)) {
                    addOpaqueBackdrop(false);
                }
            }
            default -> {
                // other operators do not paint anything text could hide on
            }
        }
        super.processOperator(operator, operands);
    }

    private boolean isImage(COSName name) {
        PDResources resources = getResources();
        try {
            return resources != null && resources.getXObject(name) instanceof PDImageXObject;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private void addRectangle(List<COSBase> operands) {
        if (operands.size() < 4) {
            return;
        }
        float[] v = new float[4];
        for (int i = 0; i < 4; i++) {
            if (!(operands.get(i) instanceof COSNumber number)) {
                return;
            }
            v[i] = number.floatValue();
        }
        Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
        float[] box = transformedBox(ctm, v[0], v[1], v[0] + v[2], v[1] + v[3]);
        if (pendingRectangles.size() < 10_000) {
            pendingRectangles.add(box);
        }
    }

    private void fillPendingRectangles() {
        float[] rgb = rgb(getGraphicsState().getNonStrokingColor());
        for (float[] box : pendingRectangles) {
            addBackdrop(new Backdrop(box[0], box[1], box[2], box[3], rgb));
        }
        pendingRectangles.clear();
    }

    /** An image or shading: text on it may well be white and readable, so it never counts as hidden. */
    private void addOpaqueBackdrop(boolean wholePage) {
        imagesDrawn++;
        if (wholePage) {
            addBackdrop(new Backdrop(-1e6f, -1e6f, 1e6f, 1e6f, null));
        } else {
            float[] box = transformedBox(getGraphicsState().getCurrentTransformationMatrix(), 0, 0, 1, 1);
            addBackdrop(new Backdrop(box[0], box[1], box[2], box[3], null));
        }
    }

    private void addBackdrop(Backdrop backdrop) {
        // Bounded so a page of a million tiny rectangles costs memory proportional to the cap only.
        if (backdrops.size() >= 5_000) {
            backdrops.remove(0);
        }
        backdrops.add(backdrop);
    }

    /** Bounding box in the stripper's coordinates (PDF user space shifted to the crop box origin). */
    private float[] transformedBox(Matrix ctm, float x0, float y0, float x1, float y1) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        float[][] corners = {{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}};
        for (float[] c : corners) {
            java.awt.geom.Point2D.Float p = ctm.transformPoint(c[0], c[1]);
            minX = Math.min(minX, p.x);
            minY = Math.min(minY, p.y);
            maxX = Math.max(maxX, p.x);
            maxY = Math.max(maxY, p.y);
        }
        float dx = cropBox == null ? 0 : cropBox.getLowerLeftX();
        float dy = cropBox == null ? 0 : cropBox.getLowerLeftY();
        return new float[] {minX - dx, minY - dy, maxX - dx, maxY - dy};
    }

    private static float[] rgb(PDColor colour) {
        if (colour == null) {
            return null;
        }
        try {
            int packed = colour.toRGB();
            return new float[] {((packed >> 16) & 0xFF) / 255f, ((packed >> 8) & 0xFF) / 255f, (packed & 0xFF) / 255f};
        } catch (IOException | RuntimeException patternOrUnknown) {
            return null;
        }
    }

    // ---------------------------------------------------------------- glyphs: visibility, GBK pairs

    @Override
    protected void processTextPosition(TextPosition text) {
        if (++glyphs > limits.maxGlyphs() || ++pageGlyphs > limits.maxGlyphsPerPage()) {
            throw new LimitReached("glyphs");
        }
        TextPosition glyph = joinGbkPair(text);
        if (glyph == null) {
            return;
        }
        HiddenTextKind kind = hiddenKind(glyph);
        if (kind != null) {
            addHidden(kind, glyph);
            return;
        }
        super.processTextPosition(glyph);
    }

    private HiddenTextKind hiddenKind(TextPosition glyph) {
        if (isBlank(glyph.getUnicode()) && runKind != null) {
            // A space between hidden words belongs to the hidden run, not to the visible text.
            return runKind;
        }
        PDGraphicsState state = getGraphicsState();
        RenderingMode mode = state.getTextState().getRenderingMode();
        if (!mode.isFill() && !mode.isStroke()) {
            Backdrop behind = backdropAt(glyph.getTextMatrix().getTranslateX(), glyph.getTextMatrix().getTranslateY());
            // Scanners put their OCR result as invisible text over the page image.
            return behind != null && behind.rgb() == null
                    ? HiddenTextKind.OCR_TEXT_LAYER : HiddenTextKind.INVISIBLE_RENDER_MODE;
        }
        double alpha = mode.isFill() ? state.getNonStrokeAlphaConstant() : state.getAlphaConstant();
        if (alpha < 0.05) {
            return HiddenTextKind.TRANSPARENT;
        }
        Matrix m = glyph.getTextMatrix();
        float size = Math.abs(m.getScalingFactorY());
        if (size < TINY_FONT_POINTS && !isBlank(glyph.getUnicode())) {
            return HiddenTextKind.TINY_FONT;
        }
        float x = m.getTranslateX();
        float y = m.getTranslateY();
        if (cropBox != null && (x < -OFF_PAGE_MARGIN || y < -OFF_PAGE_MARGIN
                || x > cropBox.getWidth() + OFF_PAGE_MARGIN || y > cropBox.getHeight() + OFF_PAGE_MARGIN)) {
            return HiddenTextKind.OFF_PAGE;
        }
        float[] textRgb = rgb(mode.isFill() ? state.getNonStrokingColor() : state.getStrokingColor());
        if (textRgb != null && !isBlank(glyph.getUnicode())) {
            float cx = x + glyph.getWidth() / 2;
            float cy = y + size * 0.3f;
            Backdrop backdrop = backdropAt(cx, cy);
            float[] behind = backdrop == null ? new float[] {1f, 1f, 1f} : backdrop.rgb();
            if (behind != null && distance(textRgb, behind) < SAME_COLOUR_DISTANCE) {
                return HiddenTextKind.SAME_COLOUR_AS_BACKGROUND;
            }
        }
        return null;
    }

    /** The topmost thing painted at a point, or null for the bare (white) page. */
    private Backdrop backdropAt(float x, float y) {
        for (int i = backdrops.size() - 1; i >= 0; i--) {
            Backdrop backdrop = backdrops.get(i);
            if (backdrop.contains(x, y)) {
                return backdrop;
            }
        }
        return null;
    }

    private static float distance(float[] a, float[] b) {
        return Math.max(Math.abs(a[0] - b[0]), Math.max(Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private void addHidden(HiddenTextKind kind, TextPosition glyph) {
        if (runKind != kind) {
            flushRun();
            runKind = kind;
        } else if (runLast != null && run.length() > 0 && run.charAt(run.length() - 1) != ' '
                && (Math.abs(glyph.getYDirAdj() - runLast.getYDirAdj()) > runLast.getHeightDir()
                || glyph.getXDirAdj() - (runLast.getXDirAdj() + runLast.getWidthDirAdj())
                        > Math.max(0.5f, runLast.getWidthOfSpace() * 0.5f))) {
            run.append(' ');
        }
        if (run.length() < MAX_HIDDEN_RUN_CHARS && glyph.getUnicode() != null) {
            run.append(glyph.getUnicode());
        }
        runLast = glyph;
    }

    private void flushRun() {
        if (runKind != null && !run.toString().isBlank() && hidden.size() < MAX_HIDDEN_RUNS_PER_PAGE) {
            hidden.add(new HiddenText(pageNumber, runKind, run.toString().strip()));
        }
        run.setLength(0);
        runKind = null;
        runLast = null;
    }

    /**
     * Old Chinese PDFs use a non-embedded TrueType font named in GBK bytes (e.g. 宋体) whose one-byte
     * codes are really GBK byte pairs. Readers that know this join the pairs; PDFBox shows each byte
     * as a Latin-1 letter. Returns the glyph to process, or null while holding a lead byte.
     */
    private TextPosition joinGbkPair(TextPosition text) {
        PDFont font = text.getFont();
        if (font == null || !gbkFonts.computeIfAbsent(font, VisibleTextStripper::isGbkNamedFont)) {
            gbkLead = null;
            return text;
        }
        int[] codes = text.getCharacterCodes();
        if (codes.length != 1) {
            return text;
        }
        int code = codes[0];
        if (gbkLead == null) {
            if (code >= 0x81 && code <= 0xFE) {
                gbkLead = text;
                return null;
            }
            return text;
        }
        TextPosition lead = gbkLead;
        gbkLead = null;
        String decoded = decodeGbk(lead.getCharacterCodes()[0], code);
        if (decoded == null) {
            return text;
        }
        float[] widths = lead.getIndividualWidths();
        float[] trailWidths = text.getIndividualWidths();
        float width = (widths.length > 0 ? widths[0] : 0) + (trailWidths.length > 0 ? trailWidths[0] : 0);
        return new TextPosition(lead.getRotation(), lead.getPageWidth(), lead.getPageHeight(), lead.getTextMatrix(),
                text.getEndX(), text.getEndY(), lead.getHeight(), width, lead.getWidthOfSpace(), decoded,
                new int[] {lead.getCharacterCodes()[0], code}, font, lead.getFontSize(), (int) lead.getFontSizeInPt());
    }

    private static String decodeGbk(int lead, int trail) {
        try {
            return GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(new byte[] {(byte) lead, (byte) trail})).toString();
        } catch (CharacterCodingException notGbk) {
            return null;
        }
    }

    static boolean isGbkNamedFont(PDFont font) {
        if (!(font instanceof PDSimpleFont) || font.getCOSObject().containsKey(COSName.TO_UNICODE)) {
            return false;
        }
        PDFontDescriptor descriptor = font.getFontDescriptor();
        if (descriptor != null && (descriptor.getFontFile() != null || descriptor.getFontFile2() != null
                || descriptor.getFontFile3() != null)) {
            return false;
        }
        String name = font.getName();
        if (name == null) {
            return false;
        }
        if (name.contains("GB2312") || name.contains("GBK")) {
            return true;
        }
        byte[] bytes = new byte[name.length()];
        int high = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            bytes[i] = (byte) c;
            if (c >= 0x81) {
                high++;
            }
        }
        if (high < 2) {
            return false;
        }
        try {
            String decoded = GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return decoded.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        } catch (CharacterCodingException notGbk) {
            return false;
        }
    }

    // ---------------------------------------------------------------- layout: columns and table gaps

    @Override
    protected void writePage() throws IOException {
        List<TextPosition> all = new ArrayList<>();
        for (List<TextPosition> article : charactersByArticle) {
            all.addAll(article);
        }
        List<List<TextPosition>> blocks = ReadingOrder.blocks(all);
        charactersByArticle.clear();
        charactersByArticle.addAll(blocks);
        lastWordEnd = null;
        separatorPending = false;
        super.writePage();
    }

    @Override
    protected void writeWordSeparator() {
        separatorPending = true;
    }

    @Override
    protected void writeLineSeparator() throws IOException {
        separatorPending = false;
        lastWordEnd = null;
        super.writeLineSeparator();
    }

    @Override
    protected void writeString(String text, List<TextPosition> textPositions) throws IOException {
        if (separatorPending) {
            separatorPending = false;
            boolean wide = false;
            if (lastWordEnd != null && !textPositions.isEmpty()) {
                TextPosition first = textPositions.get(0);
                float gap = first.getXDirAdj() - (lastWordEnd.getXDirAdj() + lastWordEnd.getWidthDirAdj());
                float space = Math.max(lastWordEnd.getWidthOfSpace(), 0.5f);
                wide = gap > space * WIDE_GAP_SPACES;
            }
            writeString(wide ? "   " : getWordSeparator());
        }
        super.writeString(text, textPositions);
        if (!textPositions.isEmpty()) {
            lastWordEnd = textPositions.get(textPositions.size() - 1);
        }
    }
}
