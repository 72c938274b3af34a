package org.medscribe.quality;

import java.util.List;

/**
 * Checks whether the sources carry a statement of the record: the drafting feature's evidence
 * matcher, seen from quality control, so a statement the doctor added or changed after drafting
 * is checked the same way the draft's own statements were.
 */
@FunctionalInterface
public interface StatementEvidence {

    /**
     * The verdict on one statement.
     *
     * @param supported whether the sources carry it
     * @param reason    why not (a reason code), or null
     * @param evidence  where the sources carry it (or come closest)
     */
    record Verdict(boolean supported, String reason, List<EvidenceRef> evidence) {

        public Verdict {
            evidence = List.copyOf(evidence);
        }
    }

    Verdict check(String statement, RecordLanguage language, List<SourceText> sources);
}
