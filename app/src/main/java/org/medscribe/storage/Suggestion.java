package org.medscribe.storage;

import java.time.Instant;

/** A stored suggestion with the clinician's latest decision ({@code decision} is null while undecided). */
public record Suggestion(String id, String encounterId, String draftVersionId, String kind, String contentJson,
                         String modelProvenanceJson, Instant createdAt, Decision decision, String editedContentJson,
                         String decidedBy, Instant decidedAt) {
}
