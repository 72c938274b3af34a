-- Schema version 3: signed records and amendments, immutable by trigger; encounter status.

ALTER TABLE encounters ADD COLUMN status TEXT NOT NULL DEFAULT 'OPEN'
    CHECK (status IN ('OPEN', 'SIGNED', 'AMENDED'));

CREATE TABLE signed_records (
    id                    TEXT PRIMARY KEY,
    encounter_id          TEXT NOT NULL REFERENCES encounters(id),
    record_version        INTEGER NOT NULL,
    amends_id             TEXT REFERENCES signed_records(id),
    draft_version_id      TEXT NOT NULL REFERENCES draft_versions(id),
    content               BLOB NOT NULL,
    content_sha256        TEXT NOT NULL,
    provenance            TEXT NOT NULL,
    signer_id             TEXT NOT NULL REFERENCES clinicians(id),
    signed_at_utc         TEXT NOT NULL,
    signed_at_offset      TEXT NOT NULL,
    amendment_reason      BLOB,
    seal_hash             TEXT NOT NULL,
    seal_mac              TEXT NOT NULL,
    UNIQUE (encounter_id, record_version),
    CHECK ((record_version = 1) = (amends_id IS NULL)),
    CHECK ((amends_id IS NULL) = (amendment_reason IS NULL))
);

CREATE TRIGGER signed_records_no_update BEFORE UPDATE ON signed_records
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a signed record is immutable');
END;

CREATE TRIGGER signed_records_no_delete BEFORE DELETE ON signed_records
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a signed record is immutable');
END;

CREATE TRIGGER encounters_keep_signed BEFORE DELETE ON encounters
WHEN EXISTS (SELECT 1 FROM signed_records WHERE encounter_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a signed record is immutable');
END;

CREATE TRIGGER section_origins_no_update BEFORE UPDATE ON section_origins
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a draft version is immutable');
END;
