package org.medscribe.storage;

/**
 * A draft the model produced, to keep as a version. {@code contentJson} is the drafting feature's
 * JSON (opaque here except {@code sections[].id}); the other JSON fields describe the model (name,
 * file hash, quantization), the sampling parameters and the timings. None may contain patient text
 * except {@code contentJson}, which is encrypted.
 */
public record GeneratedDraft(String templateId, String templateVersion, String language, String contentJson,
                             String modelProvenanceJson, String parametersJson, String timingsJson) {
}
