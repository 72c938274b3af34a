package org.medscribe.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.audit.AuditEvent;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.FieldCipher;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.storage.db.Schema;

/**
 * Builds a database exactly as an earlier release left it: the schema scripts up to {@code version}
 * (kept as resources), with encrypted patients, encounters, sources, versions and audit rows.
 */
final class OldSchemas {

    static final String PATIENT_PREFIX = "Old Patient ";

    /** The finding severities schema 2 and 3 kept; schema 4 keeps the quality scale's names. */
    static final String[] OLD_SEVERITIES = {"INFO", "WARNING", "CRITICAL"};

    /** Schema 4's names of the same severities (the quality scale's). */
    static final String[] QUALITY_SEVERITIES = {"MINOR", "MAJOR", "CRITICAL"};

    private OldSchemas() {
    }

    /** Creates {@code root}'s key file and database at {@code version} with {@code encounters} encounters. */
    static void build(Path root, int version, int encounters) throws Exception {
        AppDirectories directories = new AppDirectories(root);
        KeyFileKeySource keys = KeyFileKeySource.forStore(directories.store());
        keys.create();
        Path file = directories.store().databaseFile();
        Files.createDirectories(file.getParent());
        DataKey key = DataKey.generate();
        FieldCipher cipher = new FieldCipher(key);
        AuditLog audit = new AuditLog(key, Clock.systemUTC(), "old-workstation");
        try (Connection c = StoreFixtures.raw(file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("BEGIN");
            }
            for (int v = 1; v <= version; v++) {
                Schema.applyStep(c, v);
            }
            try (PreparedStatement wrap = c.prepareStatement(
                    "INSERT INTO data_key_wraps VALUES (?, 'key-file', '', ?, '2024-01-01T00:00:00.000Z')")) {
                wrap.setString(1, keys.keyId());
                wrap.setBytes(2, key.wrap(keys.keyEncryptionKey(""), keys.keyId()));
                wrap.executeUpdate();
            }
            audit.append(c, new AuditEvent("SYSTEM", null, AuditAction.STORE_CREATED, AuditEvent.Outcome.SUCCESS, null,
                    "store", null, "{\"schema_version\":" + version + "}"));
            String clinician = UUID.randomUUID().toString();
            c.createStatement().executeUpdate("INSERT INTO clinicians VALUES ('" + clinician
                    + "', 'Dr Old', NULL, 1, '2024-01-01T00:00:00.000Z')");
            for (int i = 0; i < encounters; i++) {
                String patient = UUID.randomUUID().toString();
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO patients (id, name, created_at, updated_at) VALUES (?, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')")) {
                    insert.setString(1, patient);
                    insert.setBytes(2, cipher.encrypt("patients", "name", patient, PATIENT_PREFIX + i));
                    insert.executeUpdate();
                }
                String encounter = UUID.randomUUID().toString();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO encounters (id, patient_id, "
                        + "clinician_id, started_at, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')")) {
                    insert.setString(1, encounter);
                    insert.setString(2, patient);
                    insert.setString(3, clinician);
                    insert.setString(4, String.format("2024-01-%02dT08:00:00.000Z", 1 + i % 28));
                    insert.setBytes(5, cipher.encrypt("encounters", "title", encounter, "visit " + i));
                    insert.executeUpdate();
                }
                String source = UUID.randomUUID().toString();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO sources (id, encounter_id, position, "
                        + "kind, content, added_at) VALUES (?, ?, 1, 'NOTE', ?, '2024-01-01T00:00:00.000Z')")) {
                    insert.setString(1, source);
                    insert.setString(2, encounter);
                    insert.setBytes(3, cipher.encrypt("sources", "content", source, "old note " + i + " ".repeat(800)));
                    insert.executeUpdate();
                }
                String versionId = UUID.randomUUID().toString();
                String content = CanonicalJson.canonicalise(StoreFixtures.DRAFT);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO draft_versions (id, encounter_id, "
                        + "version_no, kind, author_kind, template_id, content, content_sha256, created_at) "
                        + "VALUES (?, ?, 1, 'AI_GENERATION', 'AI', 'soap-en', ?, ?, '2024-01-01T00:00:00.000Z')")) {
                    insert.setString(1, versionId);
                    insert.setString(2, encounter);
                    insert.setBytes(3, cipher.encrypt("draft_versions", "content", versionId, content));
                    insert.setString(4, CanonicalJson.sha256(content));
                    insert.executeUpdate();
                }
                if (version >= 2) {
                    String suggestion = UUID.randomUUID().toString();
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO suggestions (id, encounter_id, "
                            + "kind, content, created_at) VALUES (?, ?, 'DIAGNOSIS', ?, '2024-01-01T00:00:00.000Z')")) {
                        insert.setString(1, suggestion);
                        insert.setString(2, encounter);
                        insert.setBytes(3, cipher.encrypt("suggestions", "content", suggestion, "{\"label\":\"x\"}"));
                        insert.executeUpdate();
                    }
                    // A quality finding in the scale of its schema (INFO, WARNING, CRITICAL by turns before 4).
                    String finding = UUID.randomUUID().toString();
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO quality_findings (id, "
                            + "encounter_id, draft_version_id, rule_id, severity, content, status, created_at, updated_at) "
                            + "VALUES (?, ?, ?, 'allergies-documented', ?, ?, 'OPEN', '2024-01-01T00:00:00.000Z', "
                            + "'2024-01-01T00:00:00.000Z')")) {
                        insert.setString(1, finding);
                        insert.setString(2, encounter);
                        insert.setString(3, versionId);
                        String[] severities = version >= 4 ? QUALITY_SEVERITIES : OLD_SEVERITIES;
                        insert.setString(4, severities[i % severities.length]);
                        insert.setBytes(5, cipher.encrypt("quality_findings", "content", finding, "{\"message\":\"m\"}"));
                        insert.executeUpdate();
                    }
                }
                audit.append(c, new AuditEvent("SYSTEM", null, AuditAction.ENCOUNTER_CREATED,
                        AuditEvent.Outcome.SUCCESS, patient, "encounter", encounter, "{}"));
            }
            c.createStatement().execute("COMMIT");
        }
    }
}
