package org.medscribe.ui;

/**
 * Where a statement's support lies: characters {@code [start, end)} of source {@code sourceId}.
 * Shared by the record, the suggestions and the sources screens, which highlight it.
 */
public record EvidenceSpan(String sourceId, int start, int end) {

    public EvidenceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
