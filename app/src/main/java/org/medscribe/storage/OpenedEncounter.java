package org.medscribe.storage;

import java.util.List;
import java.util.Optional;

/**
 * Everything the review screen needs for one encounter, read in one snapshot. Version listings carry
 * no content; the working draft and the signed records do.
 */
public record OpenedEncounter(EncounterSummary encounter, Patient patient, List<Source> sources,
                              Optional<WorkingDraft> workingDraft, List<DraftVersion> versions,
                              List<Suggestion> suggestions, List<QualityFinding> findings,
                              List<SignedRecord> signedRecords) {
}
