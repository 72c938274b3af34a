package org.medscribe.record;

/**
 * Where a statement or finding rests in the sources: the record's one evidence type, shared by
 * drafting, the record and sources screens (which highlight it), quality control and export.
 *
 * @param source  the source id
 * @param segment the segment number the model cited, or 0 when unknown (a span kept without it)
 * @param start   start of the matched span in the source text (the whole segment when nothing in it
 *                matched), UTF-16 units; -1 when unknown
 * @param end     end of the matched span (exclusive); -1 when unknown
 * @param quote   the source text of the span, or "" when unknown
 * @param matched whether the statement's content was found in this segment
 */
public record Evidence(String source, int segment, int start, int end, String quote, boolean matched) {

    public Evidence {
        source = source == null ? "" : source;
        quote = quote == null ? "" : quote;
    }

    /** Characters {@code [start, end)} of source {@code source}, known to carry the statement. */
    public static Evidence span(String source, int start, int end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
        return new Evidence(source, 0, start, end, "", true);
    }

    /** A segment number written as text ({@code "3"}), 0 when it is not one. */
    public static int segmentNumber(String segment) {
        try {
            return segment == null || segment.isBlank() ? 0 : Integer.parseInt(segment.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
