package org.medscribe.record;

import java.util.List;

/**
 * Everything needed to say how a draft was made and to reproduce it.
 *
 * @param modelFile        the GGUF file name
 * @param modelName        the model's display name
 * @param modelSha256      SHA-256 of the model file
 * @param engineVersion    the native engine's identification
 * @param appVersion       MedScribe's version
 * @param templateId       the template
 * @param templateVersion  its version
 * @param temperature      sampling temperature
 * @param seed             sampling seed
 * @param maxTokens        token limit of the extraction answer(s)
 * @param schemaSha256     SHA-256 of the extraction schema (of the first chunk)
 * @param sources          the sources with their hashes
 * @param extractionReused true when the facts came from an earlier extraction of the same sources with the same model
 * @param createdAt        ISO-8601 instant
 */
public record Provenance(
        String modelFile,
        String modelName,
        String modelSha256,
        String engineVersion,
        String appVersion,
        String templateId,
        String templateVersion,
        double temperature,
        int seed,
        int maxTokens,
        String schemaSha256,
        List<SourceRef> sources,
        boolean extractionReused,
        String createdAt) {

    public Provenance {
        sources = List.copyOf(sources);
    }
}
