package org.medscribe.storage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of an encounter list or search result (decrypted): the patient (name, record number, sex
 * and date of birth as kept), the encounter's start, title and status, the kind and day of the visit
 * and the age given at the visit. Fields other than the ids, the start and the status may be null.
 */
public record EncounterSummary(String id, String patientId, String patientName, String recordNumber,
                               Instant startedAt, String title, EncounterStatus status, String sex,
                               String birthDate, VisitType visitType, LocalDate visitDate, String patientAge) {

    public EncounterSummary(String id, String patientId, String patientName, String recordNumber, Instant startedAt,
                            String title, EncounterStatus status) {
        this(id, patientId, patientName, recordNumber, startedAt, title, status, null, null, null, null, null);
    }
}
