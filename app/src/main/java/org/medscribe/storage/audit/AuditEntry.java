package org.medscribe.storage.audit;

/** One stored audit row, as read back. */
public record AuditEntry(long seq, String atUtc, String utcOffset, String actorKind, String actorId, String action,
                         String outcome, String patientId, String objectType, String objectId, String workstation,
                         String detailJson, String previousHash, String entryHash) {
}
