package org.medscribe.quality.model;

/**
 * A numbered piece of a source (a sentence or an utterance) that the model cites by id.
 *
 * @param id     the id the model sees and cites: the segment's number across all sources, as drafting numbers it
 * @param source the source's id
 * @param start  start offset in the source text
 * @param end    end offset (exclusive)
 * @param text    the segment's words
 * @param speaker who said it in a transcript ({@code doctor}, {@code 患者}…), or null
 */
public record SourceSegment(String id, String source, int start, int end, String text, String speaker) {
}
