package org.medscribe.storage;

import org.medscribe.record.SourceKind;
import java.time.Instant;
import java.util.List;

/** A stored source (decrypted). {@code position} orders the sources of one encounter. */
public record Source(String id, String encounterId, int position, SourceKind kind, String label, String text,
                     String mediaType, String fileSha256, List<PageSpan> pages, String addedBy, Instant addedAt) {
}
