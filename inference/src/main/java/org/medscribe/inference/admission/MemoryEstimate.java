package org.medscribe.inference.admission;

import org.medscribe.inference.gguf.GgufModelInfo;

/**
 * How much memory llama.cpp (build 4916, CPU, default settings) needs to run a model with a given
 * context, in bytes. All parts are upper estimates; their sum is compared with the free memory.
 *
 * <ul>
 *   <li><b>weights</b>: the tensor data, mapped from the file and read in full while generating.
 *       (Q4_0 and IQ4_NL files are additionally repacked for AVX2 at load; the file's pages then become
 *       reclaimable cache, so the weights are counted once.)</li>
 *   <li><b>KV cache</b>: {@code layers × context × kvHeads × (keyLength + valueLength) × 2 bytes} (f16
 *       keys and values). With keyLength = valueLength = embedding/heads this is the familiar
 *       {@code 2 × layers × context × (embedding / heads × kvHeads) × 2}.</li>
 *   <li><b>compute</b>: llama.cpp reserves a scratch buffer for its worst-case graph over one micro-batch
 *       of {@value #MICRO_BATCH} tokens (4-byte floats). Its peak is either the output layer's logits
 *       ({@code vocabulary} wide) or the attention scores ({@code context × heads} wide, plus the mask),
 *       whichever is larger, plus a few embedding-wide activations:
 *       {@code 4 × ubatch × max(vocab + 2·embedding, context·(heads + 1) + 4·embedding)}, plus the
 *       output buffer ({@code 4 × vocab}). Calibrated against the compute buffer sizes llama.cpp itself
 *       reported for ten shape/context combinations (Qwen2.5-1.5B/7B and Llama-3.2-3B shapes, 2k–16k
 *       contexts, ubatch 256 and 512): within 2% of each.</li>
 *   <li><b>overhead</b>: {@value #RUNTIME_OVERHEAD_MIB} MiB for the worker JVM (its heap is capped at
 *       256 MiB), thread stacks and llama.cpp's vocabulary tables.</li>
 * </ul>
 *
 * <p>Flash attention (off by default) would shrink the compute part; GPU offload moves weights and
 * cache out of system memory. Neither is modelled: the estimate is for the CPU build.
 *
 * @param contextSize   context the estimate is for, in tokens
 * @param weightsBytes  tensor data
 * @param kvCacheBytes  key/value cache
 * @param computeBytes  compute scratch and output buffers
 * @param overheadBytes worker process and runtime
 */
public record MemoryEstimate(int contextSize, long weightsBytes, long kvCacheBytes, long computeBytes,
        long overheadBytes) {

    /** llama.cpp's default micro-batch (n_ubatch), which java-llama.cpp keeps. */
    public static final int MICRO_BATCH = 512;
    static final long RUNTIME_OVERHEAD_MIB = 256;
    static final long RUNTIME_OVERHEAD = RUNTIME_OVERHEAD_MIB << 20;
    private static final long F16_BYTES = 2;
    private static final long F32_BYTES = 4;

    /** Estimates the memory {@code model} needs with a {@code contextSize}-token context. */
    public static MemoryEstimate of(GgufModelInfo model, int contextSize) {
        if (contextSize <= 0) {
            throw new IllegalArgumentException("context size must be positive: " + contextSize);
        }
        return new MemoryEstimate(contextSize, model.tensorDataBytes(), kvCache(model, contextSize),
                compute(model, contextSize), RUNTIME_OVERHEAD);
    }

    public long totalBytes() {
        return add(add(weightsBytes, kvCacheBytes), add(computeBytes, overheadBytes));
    }

    static long kvCache(GgufModelInfo model, long context) {
        long perTokenPerLayer = mul(model.headCountKv(), add(model.keyLength(), model.valueLength()));
        return mul(mul(mul(model.blockCount(), context), perTokenPerLayer), F16_BYTES);
    }

    static long compute(GgufModelInfo model, long context) {
        long microBatch = Math.min(MICRO_BATCH, context);
        long embedding = model.embeddingLength();
        long logits = add(model.vocabularySize(), mul(2, embedding));
        long attention = add(mul(context, add(model.headCount(), 1)), mul(4, embedding));
        long scratch = mul(mul(F32_BYTES, microBatch), Math.max(logits, attention));
        return add(scratch, mul(F32_BYTES, model.vocabularySize()));
    }

    // Saturating arithmetic: a crafted header may hold absurd sizes; they must read as "too big".
    private static long mul(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
