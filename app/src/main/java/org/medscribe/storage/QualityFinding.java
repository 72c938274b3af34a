package org.medscribe.storage;

import org.medscribe.record.Severity;
import java.time.Instant;

/** A stored quality finding (decrypted). */
public record QualityFinding(String id, String encounterId, String draftVersionId, String ruleId, Severity severity,
                             String sectionId, String contentJson, FindingStatus status, String overrideReason,
                             String decidedBy, Instant createdAt, Instant updatedAt) {
}
