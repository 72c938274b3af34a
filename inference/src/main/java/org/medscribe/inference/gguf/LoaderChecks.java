package org.medscribe.inference.gguf;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks on metadata that llama.cpp build 4916 reads through accessors guarded by assertions (which
 * abort the whole process) or reads without bounds (an out-of-range memory read): the vocabulary
 * arrays and a few hyperparameters. A file that fails them is refused before native code sees it.
 *
 * <p>What the loader does with these keys (src/llama-vocab.cpp of that period; the assertion texts
 * are in the shipped library):
 * {@code tokenizer.ggml.tokens} and {@code tokenizer.ggml.merges} are read element by element as
 * strings (assertion on the type); {@code tokenizer.ggml.scores} and {@code tokenizer.ggml.token_type}
 * are read as raw float / int32 arrays indexed up to the token count (assertion that they are not
 * strings, no length check); {@code tokenizer.ggml.precompiled_charsmap} is read as raw bytes
 * (assertion that it is not an array of strings).
 *
 * <p>Hyperparameters (src/llama-model.cpp, src/llama-hparams.cpp of that build, and the assertion
 * texts in the shipped library): a {@code block_count} of 0 aborts on the first per-layer lookup
 * (found by feeding fuzzed files to the real library); {@code expert_count} above 256, an
 * {@code expert_used_count} above it, or one of the two zero without the other abort; an unknown
 * {@code rope.scaling.type} aborts; a zero {@code attention.sliding_window} aborts when the graph is
 * built.
 *
 * <p>Tensors: the CPU backend of that build multiplies and adds one-dimensional tensors (norm weights,
 * biases) only when they are F32 or F16 and aborts otherwise (a norm weight turned BF16 by a fuzzed
 * type id aborted in ggml-cpu.c); and the integer, F64 and activation-only types (Q8_1, Q8_K) are
 * never weights: no kernel multiplies them.
 *
 * <p>Per-architecture assertions inside the graph builders are not all mirrored here: the engine's
 * worker process is the backstop for those.
 */
public final class LoaderChecks {

    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String SCORES = "tokenizer.ggml.scores";
    static final String TOKEN_TYPES = "tokenizer.ggml.token_type";
    static final String MERGES = "tokenizer.ggml.merges";
    static final String CHARSMAP = "tokenizer.ggml.precompiled_charsmap";

    /** llama.cpp's LLAMA_MAX_EXPERTS in build 4916. */
    static final long MAX_EXPERTS = 256;
    static final Set<String> ROPE_SCALING_TYPES = Set.of("none", "linear", "yarn", "longrope");

    private LoaderChecks() {
    }

    /** @throws GgufFormatException if the file would abort llama.cpp's loader or make it read past an array */
    public static void check(GgufFile file) {
        GgufMetadata metadata = file.metadata();
        checkHyperparameters(metadata);
        checkTensorTypes(file);
        Optional<GgufArray> tokens = requireArrayOf(metadata, TOKENS, GgufValueType.STRING);
        requireArrayOf(metadata, MERGES, GgufValueType.STRING);
        if (metadata.contains(CHARSMAP)) {
            GgufArray charsmap = requireArray(metadata, CHARSMAP, GgufValueType.UINT8);
            if (charsmap.elementType().fixedSize() <= 0) {
                throw new GgufFormatException("model.error.gguf.keyType", CHARSMAP, "array of UINT8",
                        "array of " + charsmap.elementType());
            }
        }
        long tokenCount = tokens.map(GgufArray::length).orElse(0L);
        requireFourBytesPerToken(metadata, SCORES, GgufValueType.FLOAT32, tokenCount);
        requireFourBytesPerToken(metadata, TOKEN_TYPES, GgufValueType.INT32, tokenCount);
    }

    /**
     * The loader reads element {@code i} of these arrays as a 4-byte float or int for every token
     * {@code i}: the data must be numbers and hold at least 4 bytes per token, or it reads past the end.
     */
    private static void requireFourBytesPerToken(GgufMetadata metadata, String key, GgufValueType expected,
            long tokenCount) {
        if (!metadata.contains(key)) {
            return;
        }
        GgufArray array = requireArray(metadata, key, expected);
        int elementSize = array.elementType().fixedSize();
        if (elementSize <= 0) {
            throw new GgufFormatException("model.error.gguf.keyType", key, "array of " + expected,
                    "array of " + array.elementType());
        }
        if (array.length() * elementSize < tokenCount * 4) {
            throw new GgufFormatException("model.error.gguf.vocabularyArray", key, array.length(), tokenCount);
        }
    }

    private static void checkHyperparameters(GgufMetadata metadata) {
        Optional<String> architecture = metadata.string("general.architecture");
        if (architecture.isEmpty()) {
            return; // the loader stops at once with an error of its own
        }
        String prefix = architecture.get() + ".";
        String blocks = prefix + "block_count";
        if (metadata.contains(blocks)) {
            long count = metadata.integer(blocks).orElse(-1);
            if (count < 1) {
                throw new GgufFormatException("model.error.gguf.hyperparameter", blocks, value(metadata, blocks));
            }
        }
        String expertsKey = prefix + "expert_count";
        String usedKey = prefix + "expert_used_count";
        long experts = metadata.integer(expertsKey).orElse(0);
        long used = metadata.integer(usedKey).orElse(0);
        if (experts < 0 || experts > MAX_EXPERTS) {
            throw new GgufFormatException("model.error.gguf.hyperparameter", expertsKey, experts);
        }
        if (used < 0 || used > experts || (experts > 0) != (used > 0)) {
            throw new GgufFormatException("model.error.gguf.hyperparameter", usedKey, used);
        }
        String scalingKey = prefix + "rope.scaling.type";
        if (metadata.contains(scalingKey)) {
            String scaling = metadata.string(scalingKey).orElse("");
            if (!ROPE_SCALING_TYPES.contains(scaling)) {
                throw new GgufFormatException("model.error.gguf.hyperparameter", scalingKey, value(metadata, scalingKey));
            }
        }
        String windowKey = prefix + "attention.sliding_window";
        if (metadata.contains(windowKey) && metadata.integer(windowKey).orElse(0) <= 0) {
            throw new GgufFormatException("model.error.gguf.hyperparameter", windowKey, value(metadata, windowKey));
        }
    }

    private static final Set<GgmlType> NOT_WEIGHTS = EnumSet.of(GgmlType.Q8_1, GgmlType.Q8_K,
            GgmlType.I8, GgmlType.I16, GgmlType.I32, GgmlType.I64, GgmlType.F64);

    private static void checkTensorTypes(GgufFile file) {
        for (GgufTensor tensor : file.tensors()) {
            boolean vector = tensor.dimensions().size() <= 1;
            boolean elementwiseSafe = tensor.type() == GgmlType.F32 || tensor.type() == GgmlType.F16;
            if (NOT_WEIGHTS.contains(tensor.type()) || (vector && !elementwiseSafe)) {
                throw new GgufFormatException("model.error.gguf.tensorTypeUnusable", tensor.name(),
                        tensor.type().name());
            }
        }
    }

    private static String value(GgufMetadata metadata, String key) {
        return metadata.entry(key).map(entry -> String.valueOf(entry.value())).orElse("?");
    }

    private static Optional<GgufArray> requireArrayOf(GgufMetadata metadata, String key, GgufValueType elementType) {
        if (!metadata.contains(key)) {
            return Optional.empty();
        }
        GgufArray array = requireArray(metadata, key, elementType);
        if (array.elementType() != elementType) {
            throw new GgufFormatException("model.error.gguf.keyType", key, "array of " + elementType,
                    "array of " + array.elementType());
        }
        return Optional.of(array);
    }

    private static GgufArray requireArray(GgufMetadata metadata, String key, GgufValueType elementType) {
        GgufMetadata.Entry entry = metadata.entry(key).orElseThrow();
        if (!(entry.value() instanceof GgufArray array)) {
            throw new GgufFormatException("model.error.gguf.keyType", key, "array of " + elementType, entry.type());
        }
        return array;
    }
}
