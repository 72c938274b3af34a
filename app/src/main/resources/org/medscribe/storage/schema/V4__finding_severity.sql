-- Quality findings keep the quality scale's own names (CRITICAL, MAJOR, MINOR) instead of a second
-- scale (CRITICAL, WARNING, INFO) that the application renamed them into. SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt with the same columns and index.
CREATE TABLE quality_findings_v4 (
    id               TEXT PRIMARY KEY,
    encounter_id     TEXT NOT NULL REFERENCES encounters(id),
    draft_version_id TEXT REFERENCES draft_versions(id),
    rule_id          TEXT NOT NULL,
    severity         TEXT NOT NULL CHECK (severity IN ('CRITICAL', 'MAJOR', 'MINOR')),
    section_id       TEXT,
    content          BLOB NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('OPEN', 'RESOLVED', 'OVERRIDDEN')),
    override_reason  BLOB,
    decided_by       TEXT REFERENCES clinicians(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
INSERT INTO quality_findings_v4 (id, encounter_id, draft_version_id, rule_id, severity, section_id, content,
                                 status, override_reason, decided_by, created_at, updated_at)
SELECT id, encounter_id, draft_version_id, rule_id,
       CASE severity WHEN 'WARNING' THEN 'MAJOR' WHEN 'INFO' THEN 'MINOR' ELSE severity END,
       section_id, content, status, override_reason, decided_by, created_at, updated_at
FROM quality_findings;
DROP TABLE quality_findings;
ALTER TABLE quality_findings_v4 RENAME TO quality_findings;
CREATE INDEX quality_findings_by_encounter ON quality_findings(encounter_id);
