package org.medscribe.storage.audit;

/** What an audit row records. Stored by name: never rename a constant, only add. */
public enum AuditAction {
    STORE_CREATED,
    SCHEMA_MIGRATED,
    CLINICIAN_ADDED,
    PATIENT_CREATED,
    ENCOUNTER_CREATED,
    ENCOUNTER_OPENED,
    SOURCE_ADDED,
    DRAFT_GENERATED,
    DRAFT_EDITED,
    SUGGESTIONS_ADDED,
    SUGGESTION_DECIDED,
    FINDINGS_RECORDED,
    FINDING_RESOLVED,
    FINDING_OVERRIDDEN,
    RECORD_SIGNED,
    RECORD_AMENDED,
    BACKUP_CREATED,
    BACKUP_REFUSED,
    RESTORED,
    PATIENT_UPDATED
}
