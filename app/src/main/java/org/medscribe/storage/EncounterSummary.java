package org.medscribe.storage;

import java.time.Instant;

/** One line of an encounter list or search result (decrypted). */
public record EncounterSummary(String id, String patientId, String patientName, String recordNumber,
                               Instant startedAt, String title, EncounterStatus status) {
}
