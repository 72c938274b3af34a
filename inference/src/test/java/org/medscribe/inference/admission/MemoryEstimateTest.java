package org.medscribe.inference.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.medscribe.inference.gguf.GgufModelInfo;

class MemoryEstimateTest {

    private static final double MIB = 1 << 20;

    /** A model summary with the given shape (key and value heads as long as embedding / heads). */
    static GgufModelInfo shape(long embedding, long layers, long heads, long kvHeads, long vocabulary,
            long weightBytes) {
        return new GgufModelInfo(3, "qwen2", "shape", 32768, embedding, layers, heads, kvHeads, embedding / heads,
                embedding / heads, 15, "Q4_K_M", null, "gpt2", vocabulary, 0, 0, weightBytes, weightBytes, 1);
    }

    @Test
    void addsWeightsCacheComputeAndOverhead() {
        GgufModelInfo qwen = shape(1536, 28, 12, 2, 151_936, 986_000_000L);

        MemoryEstimate estimate = MemoryEstimate.of(qwen, 4096);

        assertThat(estimate.weightsBytes()).isEqualTo(986_000_000L);
        // 2 (K and V) × 28 layers × 4096 tokens × (1536 / 12 × 2 kv heads) × 2 bytes
        assertThat(estimate.kvCacheBytes()).isEqualTo(2L * 28 * 4096 * (1536 / 12 * 2) * 2);
        assertThat(estimate.overheadBytes()).isEqualTo(256L << 20);
        assertThat(estimate.totalBytes()).isEqualTo(estimate.weightsBytes() + estimate.kvCacheBytes()
                + estimate.computeBytes() + estimate.overheadBytes());
        assertThat(estimate.contextSize()).isEqualTo(4096);
    }

    @Test
    void usesExplicitKeyAndValueLengths() {
        // Gemma-like: 8 heads of 256 on a 2304-wide model, so key length is not embedding / heads.
        GgufModelInfo gemma = new GgufModelInfo(3, "gemma2", null, 8192, 2304, 26, 8, 4, 256, 256, 15, "Q4_K_M",
                null, "llama", 256_000, 0, 0, 1, 1, 1);

        assertThat(MemoryEstimate.of(gemma, 1000).kvCacheBytes()).isEqualTo(26L * 1000 * 4 * (256 + 256) * 2);
    }

    @Test
    void growsWithTheContext() {
        GgufModelInfo qwen = shape(3584, 28, 28, 4, 152_064, 4_680_000_000L);

        assertThat(MemoryEstimate.of(qwen, 8192).totalBytes()).isGreaterThan(MemoryEstimate.of(qwen, 4096).totalBytes());
        assertThat(MemoryEstimate.of(qwen, 8192).kvCacheBytes()).isEqualTo(2 * MemoryEstimate.of(qwen, 4096).kvCacheBytes());
    }

    @Test
    void saturatesInsteadOfOverflowingOnAbsurdHeaders() {
        GgufModelInfo absurd = new GgufModelInfo(3, "llama", null, 0, Long.MAX_VALUE / 2, Long.MAX_VALUE / 3, 7,
                Long.MAX_VALUE / 5, Long.MAX_VALUE / 7, Long.MAX_VALUE / 7, -1, "unknown", null, null, Long.MAX_VALUE,
                0, 0, 1, Long.MAX_VALUE / 2, 1);

        assertThat(MemoryEstimate.of(absurd, 4096).totalBytes()).isEqualTo(Long.MAX_VALUE);
    }

    /**
     * Against what llama.cpp build 4916 itself reported ("KV self size", "CPU compute buffer size" plus
     * "CPU output buffer size") when loading zero-weight models of these shapes through de.kherud:llama
     * 4.2.0 with its defaults (ubatch 512, f16 cache, no flash attention) on the build machine.
     */
    @ParameterizedTest(name = "{0} at {6} tokens")
    @CsvSource({
            // name,        embd, layers, heads, kv, vocab,  ctx,   KV MiB, compute+output MiB
            "tiny-llama,       8,  1,  2, 2,  32000,  4096,   0.125,  62.65",
            "64-wide,         64,  2,  4, 2,  32000,  4096,   1.00,   62.87",
            "64-wide,         64,  2,  4, 2,  32000, 32768,   8.00,  320.63",
            "Qwen2.5-1.5B,  1536, 28, 12, 2, 151936,  2048,  56.00,  303.84",
            "Qwen2.5-1.5B,  1536, 28, 12, 2, 151936,  4096, 112.00,  304.34",
            "Qwen2.5-1.5B,  1536, 28, 12, 2, 151936,  8192, 224.00,  305.34",
            "Qwen2.5-7B,    3584, 28, 28, 4, 152064,  4096, 224.00,  312.60",
            "Qwen2.5-7B,    3584, 28, 28, 4, 152064,  8192, 448.00,  492.59",
            "Qwen2.5-7B,    3584, 28, 28, 4, 152064, 16384, 896.00,  956.59",
            "Llama-3.2-3B,  3072, 28, 24, 8, 128256,  4096, 448.00,  264.00",
            "Llama-3.2-3B,  3072, 28, 24, 8, 128256, 16384, 1792.00, 824.50"})
    void matchesTheBuffersLlamaCppReportsForTheSameShape(String name, long embedding, long layers, long heads,
            long kvHeads, long vocabulary, int context, double kvMib, double computeMib) {
        MemoryEstimate estimate = MemoryEstimate.of(shape(embedding, layers, heads, kvHeads, vocabulary, 0), context);

        assertThat(estimate.kvCacheBytes() / MIB).isCloseTo(kvMib, within(0.01));
        assertThat(estimate.computeBytes() / MIB).isCloseTo(computeMib, within(computeMib * 0.02));
    }
}
