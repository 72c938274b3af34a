package org.medscribe.capture;

import java.util.Objects;

/**
 * Text found in the file that a reader of the page would not see: a prompt-injection route. Kept out
 * of {@link ImportedPage#text()} and listed here so the doctor can look at it; it must never reach
 * a model as part of the document.
 *
 * @param page 1-based page
 * @param kind how it was hidden: {@code invisible_render_mode}, {@code transparent},
 *        {@code same_colour_as_background}, {@code off_page}, {@code tiny_font},
 *        {@code invisible_characters} or {@code ocr_text_layer}
 * @param text the hidden text (capped; empty for invisible characters that spelled nothing)
 */
public record HiddenPassage(int page, String kind, String text) {
    public HiddenPassage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
