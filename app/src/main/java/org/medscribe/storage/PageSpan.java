package org.medscribe.storage;

/** Page provenance: characters {@code [start, end)} of a source's text came from page {@code page} (1-based). */
public record PageSpan(int page, int start, int end) {
}
