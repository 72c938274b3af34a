package org.medscribe.storage;

import java.time.Instant;
import java.util.Map;

/**
 * One immutable version of an encounter's draft. {@code contentJson} is canonical JSON; it is
 * {@code null} in listings ({@link EncounterStore#draftVersion} loads it).
 */
public record DraftVersion(String id, String encounterId, int versionNo, DraftKind kind, String basedOn,
                           String templateId, String templateVersion, String language, String modelProvenanceJson,
                           String parametersJson, String timingsJson, Actor author, String contentSha256,
                           Map<String, SectionOrigin> sectionOrigins, Instant createdAt, String contentJson) {
}
