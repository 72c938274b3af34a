package org.medscribe.quality;

import org.medscribe.record.Evidence;
import org.medscribe.record.RecordLanguage;
import java.util.List;
import java.util.Optional;

/**
 * Checks whether an encounter's sources carry a statement of the record: the drafting feature's
 * evidence matcher as quality control sees it ({@link DraftEvidence}), so a statement the doctor
 * added or changed after drafting is checked the way the draft's own statements were.
 */
public interface StatementEvidence {

    /**
     * The verdict on one statement.
     *
     * @param supported whether the sources carry it
     * @param reason    why not (a reason code such as {@code low_overlap}), or null
     * @param evidence  where the sources carry it, or come closest
     */
    record Verdict(boolean supported, String reason, List<Evidence> evidence) {

        public Verdict {
            evidence = List.copyOf(evidence);
        }
    }

    /** Checks statements against one encounter's sources. */
    @FunctionalInterface
    interface Checker {
        Verdict check(String statement);
    }

    /**
     * A checker for statements in {@code language} against {@code sources}; empty when the sources
     * cannot judge them (written in the other language: a translated record would look unsupported).
     */
    Optional<Checker> against(List<SourceText> sources, RecordLanguage language);
}
