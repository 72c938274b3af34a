package org.medscribe.capture;

import java.util.Objects;

/**
 * One page of an imported document.
 *
 * @param number 1-based page number, as printed evidence will cite it ("page 2")
 * @param text the page's visible text in reading order; hidden text is never in it
 * @param ocr true when the text was recognised from the page image rather than read from the file
 */
public record ImportedPage(int number, String text, boolean ocr) {
    public ImportedPage {
        Objects.requireNonNull(text, "text");
    }
}
