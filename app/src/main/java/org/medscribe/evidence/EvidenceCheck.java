package org.medscribe.evidence;

import java.util.List;
import org.medscribe.record.Evidence;
import org.medscribe.record.UnsupportedReason;

/**
 * The verdict on one statement's citations.
 *
 * @param supported         the cited segments carry the statement's content
 * @param reason            why not, or null when supported
 * @param evidence          the cited segments that exist, with matched spans
 * @param invalidCitations  cited numbers that are not segments of the sources
 * @param overlap           fraction of the statement's content terms found in the cited segments
 */
public record EvidenceCheck(boolean supported, UnsupportedReason reason, List<Evidence> evidence,
        List<Integer> invalidCitations, double overlap) {

    public EvidenceCheck {
        evidence = List.copyOf(evidence);
        invalidCitations = List.copyOf(invalidCitations);
    }

    static EvidenceCheck unsupported(UnsupportedReason reason, List<Evidence> evidence, List<Integer> invalid,
            double overlap) {
        return new EvidenceCheck(false, reason, evidence, invalid, overlap);
    }
}
