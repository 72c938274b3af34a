package org.medscribe.storage.audit;

import java.util.Objects;

/**
 * One thing to record: who (actor kind and id), what, on which patient and object, with what outcome.
 * {@code detailJson} holds ids, counts and hashes only, never patient text (the audit log is not
 * encrypted so that it can be verified and read by an auditor).
 */
public record AuditEvent(String actorKind, String actorId, AuditAction action, Outcome outcome,
                         String patientId, String objectType, String objectId, String detailJson) {

    /** How the action ended. */
    public enum Outcome { SUCCESS, FAILURE, DENIED }

    public AuditEvent {
        Objects.requireNonNull(actorKind, "actorKind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        detailJson = detailJson == null ? "{}" : detailJson;
    }
}
