package org.medscribe.storage;

import java.time.Instant;

/**
 * A signed record or amendment (immutable). {@code contentSha256} is the SHA-256 of the canonical
 * content; {@code sealHash} covers content hash, provenance, signer, time and amendment reason.
 */
public record SignedRecord(String id, String encounterId, int recordVersion, String amendsId, String draftVersionId,
                           String contentJson, String contentSha256, String provenanceJson, String signerId,
                           Instant signedAt, String signedAtOffset, String amendmentReason, String sealHash) {
}
