package org.medscribe.quality.model;

/**
 * A numbered piece of a source (a sentence or an utterance) that the model cites by id.
 *
 * @param id     the id the model sees and cites ({@code s1.4}: source 1, segment 4)
 * @param source the source's id
 * @param start  start offset in the source text
 * @param end    end offset (exclusive)
 * @param text   the segment's words
 */
public record SourceSegment(String id, String source, int start, int end, String text) {
}
