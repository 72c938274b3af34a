package org.medscribe.storage;

import java.time.Instant;

/** A new encounter: when it started, a short title (reason for visit, encrypted), the clinician. */
public record NewEncounter(Instant startedAt, String title, String clinicianId) {
}
