package org.medscribe.storage.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schema as numbered migration scripts ({@code schema/V<n>__*.sql} resources). Version {@code n}
 * of the database is exactly scripts 1..n applied in order; {@code PRAGMA user_version} records it.
 * Scripts are never edited once released: a change is a new script.
 */
public final class Schema {

    /** The version this build writes. */
    public static final int LATEST = 5;

    private static final String[] SCRIPTS = {
        "V1__base.sql",
        "V2__decisions_and_findings.sql",
        "V3__signed_records.sql",
        "V4__finding_severity.sql",
        "V5__encounter_details.sql",
    };

    private Schema() {
    }

    public static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Applies the script that takes the schema from {@code version - 1} to {@code version} and sets
     * {@code user_version}; the caller holds the transaction, so the step is all or nothing.
     */
    public static void applyStep(Connection connection, int version) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script(version))) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version=" + version);
        }
    }

    /** The SQL text of the script creating {@code version} (1-based). */
    public static String script(int version) {
        if (version < 1 || version > LATEST) {
            throw new IllegalArgumentException("no schema script " + version);
        }
        String name = "/org/medscribe/storage/schema/" + SCRIPTS[version - 1];
        try (InputStream in = Schema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("schema script missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("schema script unreadable: " + name, e);
        }
    }

    /** Splits a script at statement ends, keeping a trigger's {@code BEGIN ... END;} body whole. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (current.isEmpty() && trimmed.toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            current.append(line).append('\n');
            boolean ends = inTrigger ? trimmed.equalsIgnoreCase("END;") : trimmed.endsWith(";");
            if (ends) {
                statements.add(current.toString().strip());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** Triggers every database of {@code version} must have (a missing one means tampering). */
    public static List<String> protectiveTriggers(int version) {
        List<String> triggers = new ArrayList<>(List.of("audit_log_no_update", "audit_log_no_delete",
                "draft_versions_no_update", "draft_versions_no_delete"));
        if (version >= 3) {
            triggers.addAll(List.of("signed_records_no_update", "signed_records_no_delete", "encounters_keep_signed",
                    "section_origins_no_update"));
        }
        if (version >= 5) {
            triggers.addAll(List.of("cosignatures_no_update", "cosignatures_no_delete"));
        }
        return triggers;
    }
}
