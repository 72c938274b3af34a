package org.medscribe.diagnosis;

import java.util.List;

/**
 * One diagnosis of the differential.
 *
 * @param rank            1 = most likely, as the model ranked them
 * @param diagnosis       the diagnosis, in the suggestions' language
 * @param icd10           the ICD-10-CM code, or null when the proposed one was invalid (see {@link Suggestions#invalidCodes()})
 * @param icd10Title      the code's title from the bundled table in the suggestions' language, or null
 * @param codeVerified    true when the code is in the bundled table (false: well formed, category known, exact code not bundled)
 * @param likelihood      the band
 * @param findingsFor     findings supporting it
 * @param findingsAgainst findings against it
 */
public record DifferentialDiagnosis(int rank, String diagnosis, String icd10, String icd10Title, boolean codeVerified,
        Likelihood likelihood, List<ClinicalFinding> findingsFor, List<ClinicalFinding> findingsAgainst) {

    public DifferentialDiagnosis {
        findingsFor = List.copyOf(findingsFor);
        findingsAgainst = List.copyOf(findingsAgainst);
    }
}
