package org.medscribe.capture.pdf;

import java.util.Locale;

/**
 * Ways a PDF can carry text a reader does not see but a text extractor (and so a language model)
 * would: the classic prompt-injection routes.
 */
public enum HiddenTextKind {
    /** Text render mode 3 or 7: neither filled nor stroked. */
    INVISIBLE_RENDER_MODE,
    /** Fill alpha of (almost) zero. */
    TRANSPARENT,
    /** Text in the colour of what is painted behind it (white on white, grey on grey). */
    SAME_COLOUR_AS_BACKGROUND,
    /** Drawn outside the visible page area. */
    OFF_PAGE,
    /** Drawn too small to read. */
    TINY_FONT,
    /**
     * Invisible text over an image: what scanners add as their own OCR result. Not an attack by
     * itself, but unverified, so MedScribe reads the page image itself and lists this text apart.
     */
    OCR_TEXT_LAYER,
    /** Zero-width, bidi-control or Unicode tag characters inside the text. */
    INVISIBLE_CHARACTERS;

    /** The lower-case name used in JSON and message keys, e.g. {@code off_page}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
