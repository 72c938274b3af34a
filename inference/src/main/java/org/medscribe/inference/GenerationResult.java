package org.medscribe.inference;

import java.util.Objects;

/**
 * The complete answer of one generation.
 *
 * @param text          everything generated (partial when cancelled or cut by the token limit)
 * @param finishReason  why it ended
 * @param metrics       timings, Java-observed and llama.cpp-reported
 * @param seed          the seed actually used
 */
public record GenerationResult(String text, FinishReason finishReason, GenerationMetrics metrics, int seed) {

    public GenerationResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(metrics, "metrics");
    }
}
