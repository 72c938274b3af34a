package org.medscribe.capture.pdf;

/**
 * Caps that keep a hostile or broken PDF from exhausting the reader. Every cap is checked while
 * reading; the reader refuses the file (decoded stream too large, image too large) or stops early and
 * reports the truncation (pages, characters, glyphs, operators).
 *
 * @param maxPages pages read; later pages are left out and reported
 * @param maxCharacters characters of extracted text over the whole document
 * @param maxGlyphs glyphs shown over the whole document (a text bomb draws far more than it extracts)
 * @param maxGlyphsPerPage glyphs kept for one page (each costs memory until the page is laid out)
 * @param maxOperators content-stream operators over the whole document (endless drawing loops)
 * @param maxDecodedStreamBytes size one stream may decode to (decompression bombs)
 * @param maxImagePixels pixels of one embedded image or one rendered page
 * @param maxContentBytesPerPage decoded drawing instructions one page may draw on: its content streams,
 *        form XObjects, patterns and annotation appearances (a stream drawn twice counts twice)
 * @param maxContentBytesPerDocument decoded drawing instructions of all streams of the file, and of all
 *        the pages read (one stream shared by every page counts on every page: it is parsed each time)
 */
public record PdfLimits(int maxPages, int maxCharacters, long maxGlyphs, int maxGlyphsPerPage, long maxOperators,
        long maxDecodedStreamBytes, long maxImagePixels, long maxContentBytesPerPage, long maxContentBytesPerDocument) {

    public PdfLimits {
        if (maxPages < 1 || maxCharacters < 1 || maxGlyphs < 1 || maxGlyphsPerPage < 1 || maxOperators < 1
                || maxDecodedStreamBytes < 1 || maxImagePixels < 1 || maxContentBytesPerPage < 1
                || maxContentBytesPerDocument < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The given caps with the default content budgets per page and per document. */
    public PdfLimits(int maxPages, int maxCharacters, long maxGlyphs, int maxGlyphsPerPage, long maxOperators,
            long maxDecodedStreamBytes, long maxImagePixels) {
        this(maxPages, maxCharacters, maxGlyphs, maxGlyphsPerPage, maxOperators, maxDecodedStreamBytes, maxImagePixels,
                DEFAULT_CONTENT_BYTES_PER_PAGE, DEFAULT_CONTENT_BYTES_PER_DOCUMENT);
    }

    /** A dense page of text is about 100 KB of instructions, a detailed vector drawing a few MB. */
    public static final long DEFAULT_CONTENT_BYTES_PER_PAGE = 64L * 1024 * 1024;
    /** About ten seconds of parsing on a slow machine. */
    public static final long DEFAULT_CONTENT_BYTES_PER_DOCUMENT = 1024L * 1024 * 1024;

    /** These caps with other content budgets. */
    public PdfLimits withContentBudgets(long perPage, long perDocument) {
        return new PdfLimits(maxPages, maxCharacters, maxGlyphs, maxGlyphsPerPage, maxOperators, maxDecodedStreamBytes,
                maxImagePixels, perPage, perDocument);
    }

    /**
     * Generous for real clinical documents (a 300-page discharge bundle fits; a dense page has about
     * 10,000 glyphs), tight for bombs: 300,000 glyphs of one page stay well inside the reader's heap.
     */
    public static PdfLimits defaults() {
        return new PdfLimits(300, 2_000_000, 5_000_000, 300_000, 50_000_000, 128L * 1024 * 1024, 150_000_000);
    }
}
