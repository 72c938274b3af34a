package org.medscribe.storage.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema as numbered migration scripts ({@code schema/V<n>__*.sql} resources). Version {@code n}
 * of the database is exactly scripts 1..n applied in order; {@code PRAGMA user_version} records it.
 * Scripts are never edited once released: a change is a new script.
 */
public final class Schema {

    /** The version this build writes. */
    public static final int LATEST = 6;

    private static final Pattern TRIGGER_NAME =
            Pattern.compile("CREATE\\s+TRIGGER\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    private static final String[] SCRIPTS = {
        "V1__base.sql",
        "V2__decisions_and_findings.sql",
        "V3__signed_records.sql",
        "V4__finding_severity.sql",
        "V5__encounter_details.sql",
        "V6__row_seals.sql",
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
        if (SCRIPTS[version - 1] == null) {
            return "";
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

    /**
     * Every trigger the scripts up to {@code version} create, by name, with its SQL as SQLite keeps it
     * in {@code sqlite_master} (compare with {@link #sameSql}).
     */
    public static Map<String, String> triggerSql(int version) {
        Map<String, String> triggers = new LinkedHashMap<>();
        for (int v = 1; v <= Math.min(version, LATEST); v++) {
            for (String statement : statements(script(v))) {
                Matcher trigger = TRIGGER_NAME.matcher(statement);
                if (trigger.lookingAt()) {
                    triggers.put(trigger.group(1), statement.endsWith(";")
                            ? statement.substring(0, statement.length() - 1) : statement);
                }
            }
        }
        return triggers;
    }

    /** Whether two statements are the same apart from whitespace and a final semicolon. */
    public static boolean sameSql(String a, String b) {
        return a != null && b != null && normalise(a).equals(normalise(b));
    }

    private static String normalise(String sql) {
        String collapsed = sql.strip().replaceAll("\\s+", " ");
        return collapsed.endsWith(";") ? collapsed.substring(0, collapsed.length() - 1).strip() : collapsed;
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
