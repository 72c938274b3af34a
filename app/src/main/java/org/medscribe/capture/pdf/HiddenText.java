package org.medscribe.capture.pdf;

import java.util.Objects;

/**
 * A run of text on a page that a reader of the printed page would not see. It is kept out of the
 * page text and reported separately.
 *
 * @param page 1-based page number
 * @param kind why it is hidden
 * @param text the hidden text itself (capped in length)
 */
public record HiddenText(int page, HiddenTextKind kind, String text) {
    public HiddenText {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
