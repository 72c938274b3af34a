package org.medscribe.quality;

/**
 * A place in a source that a statement or finding rests on.
 *
 * @param source  the source id (as the draft names it)
 * @param segment the segment id inside that source
 * @param start   start offset in the source text (UTF-16 units), or -1 when unknown
 * @param end     end offset (exclusive), or -1 when unknown
 * @param quote   the words at that place, or "" when unknown
 */
public record EvidenceRef(String source, String segment, int start, int end, String quote) {

    public EvidenceRef {
        source = source == null ? "" : source;
        segment = segment == null ? "" : segment;
        quote = quote == null ? "" : quote;
    }
}
