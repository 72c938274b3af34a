package org.medscribe.storage;

import org.medscribe.record.SourceKind;
import java.util.List;

/**
 * A source to keep with an encounter: the text (typed note, transcript, or text extracted from an
 * imported document), a label (e.g. the file name, encrypted), the media type and SHA-256 of an
 * imported file, and which pages the text came from.
 */
public record NewSource(SourceKind kind, String label, String text, String mediaType, String fileSha256,
                        List<PageSpan> pages) {

    public NewSource {
        if (kind == SourceKind.ANSWERS) {
            throw new IllegalArgumentException("answers to follow-up questions are kept with their suggestions");
        }
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    public static NewSource note(String text) {
        return new NewSource(SourceKind.NOTE, null, text, "text/plain", null, List.of());
    }
}
