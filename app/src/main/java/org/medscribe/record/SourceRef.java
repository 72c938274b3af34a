package org.medscribe.record;


/**
 * What a draft was made from: a source's id, kind, SHA-256 of its text, size and segment count.
 */
public record SourceRef(String id, SourceKind kind, String sha256, int chars, int segments) {
}
