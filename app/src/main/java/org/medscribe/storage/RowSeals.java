package org.medscribe.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.storage.crypto.DataKey;

/**
 * The MAC of each row of the tables the app updates or that triggers do not guard (schema 6 on): an
 * HMAC, with the data key's audit key, of the table name and the row's columns (a BLOB by its
 * SHA-256, so an older ciphertext of the same cell put back, or a cleared one, is found too). It is
 * stored in {@code row_mac} by every write and recomputed by {@code verify}. Columns left out change
 * with the app's own bookkeeping ({@code updated_at}) or are checked otherwise (an encounter's status
 * against its signed records).
 */
final class RowSeals {

    /** The schema version that added {@code row_mac}. */
    static final int SINCE_SCHEMA = 6;

    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("clinicians", List.of("id", "display_name", "role", "active", "created_at"));
        COLUMNS.put("patients", List.of("id", "mrn_index", "mrn", "name", "birth_date", "sex", "created_at"));
        COLUMNS.put("encounters", List.of("id", "patient_id", "clinician_id", "started_at", "title", "created_at",
                "visit_type", "visit_date", "patient_age"));
        COLUMNS.put("sources", List.of("id", "encounter_id", "position", "kind", "label", "content", "media_type",
                "file_sha256", "page_map", "added_by", "added_at"));
        COLUMNS.put("suggestions", List.of("id", "encounter_id", "draft_version_id", "kind", "content",
                "model_provenance", "created_at"));
        COLUMNS.put("suggestion_decisions", List.of("id", "suggestion_id", "decision", "edited_content",
                "clinician_id", "decided_at"));
        COLUMNS.put("quality_findings", List.of("id", "encounter_id", "draft_version_id", "rule_id", "severity",
                "section_id", "content", "status", "override_reason", "decided_by", "created_at", "updated_at"));
    }

    private RowSeals() {
    }

    static Iterable<String> tables() {
        return COLUMNS.keySet();
    }

    /** {@code SELECT <sealed columns>, row_mac FROM table}: the id first, the stored MAC last. */
    static String selectAll(String table) {
        return "SELECT " + String.join(", ", columns(table)) + ", row_mac FROM " + table;
    }

    /** Computes and stores the MAC of one row, inside the caller's write; returns it. */
    static String seal(Connection c, DataKey key, String table, String id) throws SQLException {
        String mac;
        try (PreparedStatement select = c.prepareStatement(selectAll(table) + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no " + table + " row to seal");
                }
                mac = mac(key, table, rs);
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET row_mac = ? WHERE id = ?")) {
            update.setString(1, mac);
            update.setString(2, id);
            update.executeUpdate();
        }
        return mac;
    }

    /** Seals every row of every table (the migration to schema 6: the rows as they are then are trusted). */
    static void sealAll(Connection c, DataKey key) throws SQLException {
        for (String table : tables()) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(selectAll(table));
                 PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET row_mac = ? WHERE id = ?")) {
                while (rs.next()) {
                    update.setString(1, mac(key, table, rs));
                    update.setString(2, rs.getString(1));
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    /** The MAC of the row under {@code rs}, read with {@link #selectAll}. */
    static String mac(DataKey key, String table, ResultSet rs) throws SQLException {
        List<String> columns = columns(table);
        StringBuilder data = new StringBuilder("row:").append(table);
        for (int i = 0; i < columns.size(); i++) {
            Object value = rs.getObject(i + 1);
            String text = value == null ? null
                    : value instanceof byte[] bytes ? "sha256:" + CanonicalJson.sha256(bytes) : String.valueOf(value);
            // Length-prefixed, so no value can borrow its neighbour's characters.
            data.append('|').append(columns.get(i)).append('=');
            data.append(text == null ? "null" : text.length() + ":" + text);
        }
        return key.mac(data.toString());
    }

    private static List<String> columns(String table) {
        List<String> columns = COLUMNS.get(table);
        if (columns == null) {
            throw new IllegalArgumentException("not a sealed table: " + table);
        }
        return columns;
    }
}
