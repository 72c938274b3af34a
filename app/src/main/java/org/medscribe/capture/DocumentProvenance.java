package org.medscribe.capture;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where an imported document's text came from: the file's media type and SHA-256, and which
 * characters of the text each page gave. The pages' texts are joined in page order (a blank line
 * between them), so an evidence offset into the text stays valid and {@link #pageAt} names its page.
 *
 * @param mediaType  the file's media type ({@code application/pdf}, {@code image/png}…), or null if unknown
 * @param fileSha256 lowercase hex SHA-256 of the file's bytes, or null if unknown
 * @param pages      the pages read, in order
 */
public record DocumentProvenance(String mediaType, String fileSha256, List<Page> pages) {

    /** Nothing known: a document kept before its provenance was. */
    public static final DocumentProvenance UNKNOWN = new DocumentProvenance(null, null, List.of());

    public DocumentProvenance {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    /** Characters {@code [start, end)} of the document's text came from page {@code number} (1-based). */
    public record Page(int number, int start, int end) {

        public Page {
            if (number < 1 || start < 0 || end < start) {
                throw new IllegalArgumentException("bad page span " + number + ": " + start + ".." + end);
            }
        }
    }

    /**
     * The page the character at {@code offset} of the text came from; empty for the blank line
     * between two pages, an offset past the text, or a document without page provenance.
     */
    public OptionalInt pageAt(int offset) {
        if (offset < 0) {
            throw new IndexOutOfBoundsException(offset);
        }
        for (Page page : pages) {
            if (offset >= page.start() && offset < page.end()) {
                return OptionalInt.of(page.number());
            }
        }
        return OptionalInt.empty();
    }
}
