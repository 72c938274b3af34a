package org.medscribe.storage;

import java.util.List;
import org.medscribe.storage.audit.AuditChainReport;

/**
 * What {@code verify} found: SQLite's integrity check, the audit chain, and each signed record and
 * draft version checked against its stored hash and seal. {@link #ok()} only when nothing is wrong.
 */
public record VerificationReport(boolean integrityOk, List<String> integrityMessages, AuditChainReport audit,
                                  List<Problem> problems, long signedRecords, long draftVersions) {

    /**
     * One finding: {@code messageKey} says what is wrong, {@code table}, {@code rowId} and (for one
     * field) {@code column} where.
     */
    public record Problem(String messageKey, String table, String rowId, String column) {

        public Problem(String messageKey, String table, String rowId) {
            this(messageKey, table, rowId, null);
        }
    }

    public boolean ok() {
        return integrityOk && audit.valid() && problems.isEmpty();
    }

    /** The key of the first problem, for a one-line reason. */
    public String firstProblemKey() {
        if (!integrityOk) {
            return "storage.verify.integrity";
        }
        if (!audit.valid()) {
            return audit.problems().get(0).messageKey();
        }
        return problems.isEmpty() ? null : problems.get(0).messageKey();
    }
}
