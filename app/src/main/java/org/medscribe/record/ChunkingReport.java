package org.medscribe.record;

import java.util.List;

/**
 * How the sources were fed to the model. Long encounters are never truncated: they are cut into
 * chunks of whole segments that fit the context, extracted one by one and merged.
 *
 * @param chunked           true when there was more than one chunk
 * @param chunks            the segment ranges, in order
 * @param contextSize       the model's context window
 * @param outputTokenBound  tokens reserved for each answer (the schema's bound)
 * @param promptTokenBudget tokens left for each prompt
 * @param reducedBounds     true when the schema's bounds were shrunk to fit the context
 * @param mergedDuplicates  facts dropped as duplicates of a fact from an earlier chunk
 */
public record ChunkingReport(boolean chunked, List<ChunkRange> chunks, int contextSize, int outputTokenBound,
        int promptTokenBudget, boolean reducedBounds, int mergedDuplicates) {

    public ChunkingReport {
        chunks = List.copyOf(chunks);
    }

    /** One chunk: segments {@code first..last}, and its prompt's size in tokens. */
    public record ChunkRange(int first, int last, int promptTokens) {
    }
}
