package org.medscribe.record;

import java.util.List;

/**
 * One statement of a drafted section, with its evidence.
 *
 * @param text               the statement in the record's language
 * @param category           the extraction category it came from
 * @param original           the fact in the sources' language when {@code text} is its translation, else null
 * @param citations          the segment numbers the model cited
 * @param supported          true when Java verified the citations carry the statement's content
 * @param unsupportedReason  why not, or null
 * @param evidence           the cited segments that exist, with matched spans
 */
public record Statement(
        String text,
        FactCategory category,
        String original,
        List<Integer> citations,
        boolean supported,
        UnsupportedReason unsupportedReason,
        List<Evidence> evidence) {

    /** Message key of the mark shown on an unsupported statement (the reason has its own key). */
    public static final String UNSUPPORTED_LABEL_KEY = "draft.statement.unsupported";

    public Statement {
        citations = List.copyOf(citations);
        evidence = List.copyOf(evidence);
    }

    /**
     * The statement as the record shows and keeps it: its text stripped, and of its evidence only
     * the spans that carry it (what is highlighted and stored).
     */
    public Statement asKept() {
        List<Evidence> carrying = evidence.stream().filter(e -> e.matched() && e.end() > e.start()).toList();
        String stripped = text.strip();
        return stripped.equals(text) && carrying.equals(evidence) ? this
                : new Statement(stripped, category, original, citations, supported, unsupportedReason, carrying);
    }

    /** A statement as the record keeps it: its text, verdict and evidence (category and citations are not kept). */
    public static Statement kept(String text, boolean supported, UnsupportedReason reason, List<Evidence> evidence) {
        return new Statement(text, null, null, List.of(), supported, reason, evidence);
    }
}
