package org.medscribe.storage.audit;

import java.util.List;

/**
 * The result of walking the audit chain: how many rows, the head, and every break found (a row whose
 * hash or MAC does not match, a gap in the sequence, a head that does not match the last row).
 */
public record AuditChainReport(long rows, long headSeq, String headHash, List<Problem> problems) {

    /** One break: {@code messageKey} names the kind, {@code seq} the row (0 for the head). */
    public record Problem(String messageKey, long seq) {
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
