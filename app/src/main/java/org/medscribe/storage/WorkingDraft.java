package org.medscribe.storage;

import java.time.Instant;
import java.util.Map;

/**
 * The autosaved draft being edited. {@code checkpointed} is false while it holds edits not yet kept
 * as a clinician version; {@code revision} is the autosave revision last written.
 */
public record WorkingDraft(String encounterId, String baseVersionId, String contentJson,
                           Map<String, SectionOrigin> sectionOrigins, long revision, boolean checkpointed,
                           Instant savedAt) {
}
