-- Schema version 1: patients, encounters, sources, draft versions, the working draft, the audit log.
-- Columns of type BLOB named after patient data hold AES-256-GCM ciphertext (see FieldCipher).

CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE data_key_wraps (
    key_id     TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    parameters TEXT NOT NULL,
    wrapped    BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE clinicians (
    id           TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role         TEXT,
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL
);

CREATE TABLE patients (
    id         TEXT PRIMARY KEY,
    mrn_index  BLOB UNIQUE,
    mrn        BLOB,
    name       BLOB NOT NULL,
    birth_date BLOB,
    sex        BLOB,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE encounters (
    id           TEXT PRIMARY KEY,
    patient_id   TEXT NOT NULL REFERENCES patients(id),
    clinician_id TEXT REFERENCES clinicians(id),
    started_at   TEXT NOT NULL,
    title        BLOB,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX encounters_by_patient ON encounters(patient_id, started_at);
CREATE INDEX encounters_by_start ON encounters(started_at);

CREATE TABLE sources (
    id           TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters(id),
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('NOTE', 'TRANSCRIPT', 'DICTATION', 'DOCUMENT')),
    label        BLOB,
    content      BLOB NOT NULL,
    media_type   TEXT,
    file_sha256  TEXT,
    page_map     TEXT,
    added_by     TEXT,
    added_at     TEXT NOT NULL,
    UNIQUE (encounter_id, position)
);

CREATE TABLE draft_versions (
    id               TEXT PRIMARY KEY,
    encounter_id     TEXT NOT NULL REFERENCES encounters(id),
    version_no       INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('AI_GENERATION', 'CLINICIAN_EDIT')),
    based_on         TEXT REFERENCES draft_versions(id),
    template_id      TEXT,
    template_version TEXT,
    language         TEXT,
    model_provenance TEXT,
    parameters       TEXT,
    timings          TEXT,
    author_kind      TEXT NOT NULL CHECK (author_kind IN ('AI', 'CLINICIAN')),
    author_id        TEXT,
    content          BLOB NOT NULL,
    content_sha256   TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (encounter_id, version_no)
);

CREATE TABLE section_origins (
    draft_version_id TEXT NOT NULL REFERENCES draft_versions(id),
    section_id       TEXT NOT NULL,
    origin           TEXT NOT NULL CHECK (origin IN ('AI', 'AI_EDITED', 'HUMAN')),
    PRIMARY KEY (draft_version_id, section_id)
);

CREATE TABLE working_drafts (
    encounter_id    TEXT PRIMARY KEY REFERENCES encounters(id),
    base_version_id TEXT REFERENCES draft_versions(id),
    content         BLOB NOT NULL,
    origins         TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    checkpointed    INTEGER NOT NULL,
    saved_at        TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at_utc      TEXT NOT NULL,
    utc_offset  TEXT NOT NULL,
    actor_kind  TEXT NOT NULL,
    actor_id    TEXT,
    action      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    patient_id  TEXT,
    object_type TEXT,
    object_id   TEXT,
    workstation TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    entry_hash  TEXT NOT NULL,
    entry_mac   TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'medscribe: the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'medscribe: the audit log is append-only');
END;

CREATE TRIGGER draft_versions_no_update BEFORE UPDATE ON draft_versions
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a draft version is immutable');
END;

CREATE TRIGGER draft_versions_no_delete BEFORE DELETE ON draft_versions
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a draft version is immutable');
END;
