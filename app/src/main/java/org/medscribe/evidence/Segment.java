package org.medscribe.evidence;

/**
 * A numbered piece of a source (a sentence or an utterance) that the model cites instead of quoting.
 *
 * @param number  1-based, unique across all sources of an encounter
 * @param source  the source id
 * @param start   offset of the first character in the source text
 * @param end     offset after the last character
 * @param text    the segment's text (the source substring, trimmed)
 * @param speaker the speaker tag of a transcript utterance ({@code doctor}, {@code patient}, {@code 医生}…), or null
 */
public record Segment(int number, String source, int start, int end, String text, String speaker) {

    /** True for a question (doctor's questions give context to the patient's yes/no answers). */
    public boolean isQuestion() {
        String t = text.strip();
        return t.endsWith("?") || t.endsWith("？") || t.endsWith("吗") || t.endsWith("吗？") || t.endsWith("呢？");
    }
}
