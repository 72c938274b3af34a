-- Schema version 5: what the new-encounter form asks besides the patient's name and record number.
-- The patient's sex and date of birth already have columns (patients.sex, patients.birth_date).
-- visit_type: first visit, follow-up or emergency (初诊, 复诊, 急诊); NULL for encounters made before.
-- visit_date: the day of the visit as the doctor gave it (ISO yyyy-mm-dd, local); NULL = the start's day.
-- patient_age: the age the doctor gave when the date of birth is not known (ENC).
ALTER TABLE encounters ADD COLUMN visit_type TEXT
    CHECK (visit_type IS NULL OR visit_type IN ('FIRST', 'FOLLOW_UP', 'EMERGENCY'));
ALTER TABLE encounters ADD COLUMN visit_date TEXT;
ALTER TABLE encounters ADD COLUMN patient_age BLOB;

-- Co-signature: a signed record (or amendment) that awaits a supervising clinician's co-signature.
-- Rows are only added: REQUESTED by the signer, then COSIGNED by another clinician.
CREATE TABLE cosignatures (
    id               TEXT PRIMARY KEY,
    signed_record_id TEXT NOT NULL REFERENCES signed_records(id),
    kind             TEXT NOT NULL CHECK (kind IN ('REQUESTED', 'COSIGNED')),
    clinician_id     TEXT NOT NULL REFERENCES clinicians(id),
    at_utc           TEXT NOT NULL,
    UNIQUE (signed_record_id, kind)
);

CREATE TRIGGER cosignatures_no_update BEFORE UPDATE ON cosignatures
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a co-signature is immutable');
END;

CREATE TRIGGER cosignatures_no_delete BEFORE DELETE ON cosignatures
BEGIN
    SELECT RAISE(ABORT, 'medscribe: a co-signature is immutable');
END;
