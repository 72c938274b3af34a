package org.medscribe.inference;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to generate. Immutable; build with {@link #builder(List)}.
 *
 * @param messages    the chat, formatted with the model's chat template; put static text (system
 *                    prompt, template instructions) first so the cached prefix is long
 * @param maxTokens   upper bound on generated tokens
 * @param temperature sampling temperature; 0 is greedy
 * @param seed        sampling seed, always explicit so a generation can be reproduced
 * @param stop        stop strings (not included in the output)
 * @param jsonSchema  JSON schema the output must satisfy (converted to a grammar), or null
 * @param cachePrompt reuse the KV cache of a previous request sharing a prefix
 * @param ignoreEos   keep generating past end-of-sequence up to {@code maxTokens} (benchmarks only)
 */
public record GenerationRequest(
        List<ChatMessage> messages,
        int maxTokens,
        double temperature,
        int seed,
        List<String> stop,
        String jsonSchema,
        boolean cachePrompt,
        boolean ignoreEos) {

    private static final SecureRandom SEEDS = new SecureRandom();

    public GenerationRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0: " + seed);
        }
    }

    public boolean hasSchema() {
        return jsonSchema != null && !jsonSchema.isBlank();
    }

    public static Builder builder(List<ChatMessage> messages) {
        return new Builder(messages);
    }

    /** A builder with sensible defaults: 256 tokens, temperature 0.2, a fresh random seed, prompt cache on. */
    public static final class Builder {
        private final List<ChatMessage> messages;
        private int maxTokens = 256;
        private double temperature = 0.2;
        private int seed = SEEDS.nextInt(Integer.MAX_VALUE);
        private final List<String> stop = new ArrayList<>();
        private String jsonSchema;
        private boolean cachePrompt = true;
        private boolean ignoreEos;

        private Builder(List<ChatMessage> messages) {
            this.messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        }

        public Builder maxTokens(int value) {
            this.maxTokens = value;
            return this;
        }

        public Builder temperature(double value) {
            this.temperature = value;
            return this;
        }

        public Builder seed(int value) {
            this.seed = value;
            return this;
        }

        public Builder stop(String... values) {
            this.stop.addAll(List.of(values));
            return this;
        }

        public Builder jsonSchema(String schema) {
            this.jsonSchema = schema;
            return this;
        }

        public Builder cachePrompt(boolean value) {
            this.cachePrompt = value;
            return this;
        }

        /** Benchmarks only: generate exactly {@code maxTokens} tokens. */
        public Builder ignoreEos(boolean value) {
            this.ignoreEos = value;
            return this;
        }

        public GenerationRequest build() {
            return new GenerationRequest(messages, maxTokens, temperature, seed, stop, jsonSchema, cachePrompt,
                    ignoreEos);
        }
    }
}
