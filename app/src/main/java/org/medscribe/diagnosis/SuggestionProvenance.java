package org.medscribe.diagnosis;

import java.util.List;
import org.medscribe.record.SourceRef;

/**
 * How suggestions were made.
 *
 * @param modelFile     GGUF file name
 * @param modelName     model display name
 * @param modelSha256   SHA-256 of the model file
 * @param engineVersion native engine identification
 * @param appVersion    MedScribe's version
 * @param temperature   sampling temperature
 * @param seed          sampling seed
 * @param maxTokens     token limit of the answer
 * @param codeTable     the ICD-10 table's source and licence
 * @param sources       the sources (including the doctor's answers) with hashes
 * @param fromFacts     true when the sources were too long for the context and the model saw the extracted facts instead
 * @param createdAt     ISO-8601 instant
 */
public record SuggestionProvenance(String modelFile, String modelName, String modelSha256, String engineVersion,
        String appVersion, double temperature, int seed, int maxTokens, String codeTable, List<SourceRef> sources,
        boolean fromFacts, String createdAt) {

    public SuggestionProvenance {
        sources = List.copyOf(sources);
    }
}
