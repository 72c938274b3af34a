package org.medscribe.capture.pdf;

import java.util.List;

/**
 * What one page's text layer gave.
 *
 * @param number 1-based page number
 * @param text the visible text, lines in reading order, invisible characters removed
 * @param hidden text on the page a reader would not see, kept out of {@code text}
 * @param imagesDrawn images painted on the page (a page with images and no text is a scan)
 * @param invisibleCharacters zero-width and similar characters removed from {@code text}
 * @param truncatedBy null, or which cap stopped reading ("characters", "glyphs", "operators");
 *        no later page should be read
 * @param unreadable true when the page's content could not be parsed (its text may be partial)
 * @param operators content operators and glyphs drawn on the page (text drawn as outlines, or in a
 *        font that maps to no characters, draws much and yields no text)
 */
public record PageText(int number, String text, List<HiddenText> hidden, int imagesDrawn, int invisibleCharacters,
        String truncatedBy, boolean unreadable, long operators) {

    public PageText {
        hidden = List.copyOf(hidden);
    }

    /** Characters other than whitespace. */
    public int visibleCharacters() {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
