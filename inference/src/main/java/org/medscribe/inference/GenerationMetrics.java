package org.medscribe.inference;

/**
 * Timings of one generation, as observed in Java and as llama.cpp itself reported them for the
 * same request (its {@code prompt eval time} / {@code eval time} log lines). Rates are tokens per
 * second; a llama.cpp figure is {@code NaN} when its report was not seen.
 *
 * @param promptTokens            tokens in the formatted prompt
 * @param promptTokensEvaluated   prompt tokens llama.cpp actually processed (the rest came from the prefix cache)
 * @param generatedTokens         tokens generated
 * @param timeToFirstTokenMillis  from submitting the request to receiving the first token, in Java
 * @param totalMillis             from submitting to the end, in Java
 * @param javaPromptRate          prompt tokens evaluated / time to first token, in Java
 * @param javaGenerationRate      generated tokens / time from first to last token, in Java
 * @param llamaPromptMillis       llama.cpp's prompt eval time
 * @param llamaPromptRate         llama.cpp's prompt tokens per second
 * @param llamaGenerationMillis   llama.cpp's eval time
 * @param llamaGenerationRate     llama.cpp's generation tokens per second
 */
public record GenerationMetrics(
        int promptTokens,
        int promptTokensEvaluated,
        int generatedTokens,
        double timeToFirstTokenMillis,
        double totalMillis,
        double javaPromptRate,
        double javaGenerationRate,
        double llamaPromptMillis,
        double llamaPromptRate,
        double llamaGenerationMillis,
        double llamaGenerationRate) {

    /** Java-observed generation rate as a fraction of llama.cpp's own figure (NaN if unknown). */
    public double generationRateRatio() {
        return javaGenerationRate / llamaGenerationRate;
    }

    /** Java-observed prompt rate as a fraction of llama.cpp's own figure (NaN if unknown). */
    public double promptRateRatio() {
        return javaPromptRate / llamaPromptRate;
    }
}
