package org.medscribe.storage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A new encounter: when it started, a short title (reason for visit, encrypted), the clinician, the
 * kind and day of the visit, and the patient's age as the doctor gave it when the date of birth is
 * not known (encrypted). All but {@code clinicianId} may be null.
 */
public record NewEncounter(Instant startedAt, String title, String clinicianId, VisitType visitType,
                           LocalDate visitDate, String patientAge) {

    /** An encounter without visit details (those made before schema 5 read the same way). */
    public NewEncounter(Instant startedAt, String title, String clinicianId) {
        this(startedAt, title, clinicianId, null, null, null);
    }
}
