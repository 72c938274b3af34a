package org.medscribe.record;


/**
 * One cited segment backing a statement.
 *
 * @param source  the source id
 * @param segment the segment number the model cited
 * @param start   start of the matched span in the source text (the whole segment when nothing in it matched)
 * @param end     end of the matched span in the source text
 * @param quote   the source text of the span
 * @param matched whether the statement's content was found in this segment
 */
public record Evidence(String source, int segment, int start, int end, String quote, boolean matched) {
}
