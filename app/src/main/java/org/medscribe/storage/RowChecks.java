package org.medscribe.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.medscribe.common.CancellationToken;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.FieldCipher;

/**
 * The row-by-row part of {@code verify} beyond signed records and versions: every encrypted field of
 * every row decrypts (so a garbled name, source or working draft is found, not only when someone
 * opens it), every sealed row's MAC matches ({@link RowSeals}, schema 6 on), and no row points at a
 * row that is gone ({@code PRAGMA foreign_key_check}: a patient deleted under its encounters).
 */
final class RowChecks {

    /**
     * Encrypted columns outside signed records and draft versions: the table (from schema
     * {@code since}), the column that is the row id in the associated data, the columns.
     */
    private record Encrypted(String table, int since, String idColumn, List<String> columns) {
    }

    private static final List<Encrypted> ENCRYPTED = List.of(
            new Encrypted("patients", 1, "id", List.of("mrn", "name", "birth_date", "sex")),
            new Encrypted("encounters", 1, "id", List.of("title")),
            new Encrypted("sources", 1, "id", List.of("label", "content")),
            new Encrypted("working_drafts", 1, "encounter_id", List.of("content")),
            new Encrypted("suggestions", 2, "id", List.of("content")),
            new Encrypted("suggestion_decisions", 2, "id", List.of("edited_content")),
            new Encrypted("quality_findings", 2, "id", List.of("content", "override_reason")));

    private RowChecks() {
    }

    static void verify(Connection connection, DataKey key, FieldCipher cipher, int schemaVersion,
                       List<VerificationReport.Problem> problems, CancellationToken cancel) throws SQLException {
        for (Encrypted table : ENCRYPTED) {
            if (schemaVersion >= table.since()) {
                decryptAll(connection, cipher, table, problems, cancel);
            }
        }
        if (schemaVersion >= RowSeals.SINCE_SCHEMA) {
            for (String table : RowSeals.tables()) {
                verifySeals(connection, key, table, problems, cancel);
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
                problems.add(new VerificationReport.Problem("storage.verify.foreignKeyBroken", rs.getString(1),
                        "rowid " + rs.getLong(2), rs.getString(3)));
            }
        }
    }

    private static void decryptAll(Connection connection, FieldCipher cipher, Encrypted table,
                                   List<VerificationReport.Problem> problems, CancellationToken cancel)
            throws SQLException {
        long rows = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + table.idColumn() + ", "
                     + String.join(", ", table.columns()) + " FROM " + table.table())) {
            while (rs.next()) {
                if ((++rows & 255) == 0) {
                    cancel.throwIfCancelled();
                }
                String id = rs.getString(1);
                for (int i = 0; i < table.columns().size(); i++) {
                    String column = table.columns().get(i);
                    try {
                        cipher.decrypt(table.table(), column, id, rs.getBytes(i + 2));
                    } catch (RuntimeException unreadable) {
                        problems.add(new VerificationReport.Problem("storage.verify.fieldUnreadable", table.table(),
                                id, column));
                    }
                }
            }
        }
    }

    private static void verifySeals(Connection connection, DataKey key, String table,
                                    List<VerificationReport.Problem> problems, CancellationToken cancel)
            throws SQLException {
        long rows = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(RowSeals.selectAll(table))) {
            int macColumn = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if ((++rows & 255) == 0) {
                    cancel.throwIfCancelled();
                }
                if (!RowSeals.mac(key, table, rs).equals(rs.getString(macColumn))) {
                    problems.add(new VerificationReport.Problem("storage.verify.rowAltered", table, rs.getString(1)));
                }
            }
        }
    }
}
