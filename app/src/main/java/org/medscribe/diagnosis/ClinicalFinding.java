package org.medscribe.diagnosis;

import java.util.List;
import org.medscribe.record.Evidence;
import org.medscribe.record.UnsupportedReason;

/**
 * A finding for or against a diagnosis (or behind a red flag), with its verified evidence.
 *
 * @param text              the finding, in the sources' language
 * @param citations         the segment numbers the model cited
 * @param supported         Java verified the cited segments carry it
 * @param unsupportedReason why not, or null
 * @param evidence          the cited segments with matched spans
 */
public record ClinicalFinding(String text, List<Integer> citations, boolean supported, UnsupportedReason unsupportedReason,
        List<Evidence> evidence) {

    public ClinicalFinding {
        citations = List.copyOf(citations);
        evidence = List.copyOf(evidence);
    }
}
