-- Schema version 2: diagnostic suggestions with the clinician's decisions, quality findings.

CREATE TABLE suggestions (
    id               TEXT PRIMARY KEY,
    encounter_id     TEXT NOT NULL REFERENCES encounters(id),
    draft_version_id TEXT REFERENCES draft_versions(id),
    kind             TEXT NOT NULL,
    content          BLOB NOT NULL,
    model_provenance TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX suggestions_by_encounter ON suggestions(encounter_id);

CREATE TABLE suggestion_decisions (
    id             TEXT PRIMARY KEY,
    suggestion_id  TEXT NOT NULL REFERENCES suggestions(id),
    decision       TEXT NOT NULL CHECK (decision IN ('KEPT', 'EDITED', 'DISCARDED')),
    edited_content BLOB,
    clinician_id   TEXT REFERENCES clinicians(id),
    decided_at     TEXT NOT NULL
);
CREATE INDEX suggestion_decisions_by_suggestion ON suggestion_decisions(suggestion_id, decided_at);

CREATE TABLE quality_findings (
    id               TEXT PRIMARY KEY,
    encounter_id     TEXT NOT NULL REFERENCES encounters(id),
    draft_version_id TEXT REFERENCES draft_versions(id),
    rule_id          TEXT NOT NULL,
    severity         TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    section_id       TEXT,
    content          BLOB NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('OPEN', 'RESOLVED', 'OVERRIDDEN')),
    override_reason  BLOB,
    decided_by       TEXT REFERENCES clinicians(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX quality_findings_by_encounter ON quality_findings(encounter_id);
