package org.medscribe.quality;

import java.util.Objects;

/**
 * A source of the encounter (typed note, transcript, imported document text) that the record
 * should agree with.
 *
 * @param id   the source's id (as the draft's evidence names it, or the file name)
 * @param text its text
 */
public record SourceText(String id, String text) {

    public SourceText {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
