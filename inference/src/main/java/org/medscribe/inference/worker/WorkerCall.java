package org.medscribe.inference.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import org.medscribe.inference.GenerationMetrics;
import org.medscribe.inference.TokenListener;

/** One request in flight: its answer, and the Java-side timings observed in this process. */
final class WorkerCall {
    final CompletableFuture<JsonNode> done = new CompletableFuture<>();
    final TokenListener tokens;
    final long sentAt = System.nanoTime();
    private final StringBuilder text = new StringBuilder();
    private volatile long firstTokenAt;
    private volatile long lastTokenAt;
    private volatile long cancelledAt;

    WorkerCall(TokenListener tokens) {
        this.tokens = tokens;
    }

    void token(String piece) {
        long now = System.nanoTime();
        if (firstTokenAt == 0) {
            firstTokenAt = now;
        }
        lastTokenAt = now;
        synchronized (text) {
            text.append(piece);
        }
        tokens.onToken(piece);
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    long cancelledAt() {
        return cancelledAt;
    }

    void markCancelled() {
        cancelledAt = System.nanoTime();
    }

    /** The worker's metrics with the Java-observed figures replaced by what this process saw. */
    GenerationMetrics metrics(GenerationMetrics inWorker) {
        double ttft = firstTokenAt == 0 ? Double.NaN : (firstTokenAt - sentAt) / 1e6;
        double total = (System.nanoTime() - sentAt) / 1e6;
        double genSeconds = (lastTokenAt - firstTokenAt) / 1e9;
        if (inWorker == null) {
            return new GenerationMetrics(0, 0, 0, ttft, total, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN);
        }
        return new GenerationMetrics(
                inWorker.promptTokens(),
                inWorker.promptTokensEvaluated(),
                inWorker.generatedTokens(),
                ttft,
                total,
                inWorker.promptTokensEvaluated() / (ttft / 1e3),
                genSeconds > 0 ? inWorker.generatedTokens() / genSeconds : Double.NaN,
                inWorker.llamaPromptMillis(),
                inWorker.llamaPromptRate(),
                inWorker.llamaGenerationMillis(),
                inWorker.llamaGenerationRate());
    }
}
