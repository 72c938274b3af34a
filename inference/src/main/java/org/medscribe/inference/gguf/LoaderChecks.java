package org.medscribe.inference.gguf;

import java.util.Optional;

/**
 * Checks on metadata that llama.cpp build 4916 reads through accessors guarded by assertions (which
 * abort the whole process) or reads without bounds (an out-of-range memory read): the vocabulary
 * arrays. A file that fails them is refused before native code sees it.
 *
 * <p>What the loader does with these keys (read at the source, src/llama-vocab.cpp of that build):
 * {@code tokenizer.ggml.tokens} and {@code tokenizer.ggml.merges} are read element by element as
 * strings (assertion on the type); {@code tokenizer.ggml.scores} and {@code tokenizer.ggml.token_type}
 * are read as raw float / int32 arrays indexed up to the token count (assertion that they are not
 * strings, no length check); {@code tokenizer.ggml.precompiled_charsmap} must hold bytes (assertion).
 */
public final class LoaderChecks {

    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String SCORES = "tokenizer.ggml.scores";
    static final String TOKEN_TYPES = "tokenizer.ggml.token_type";
    static final String MERGES = "tokenizer.ggml.merges";
    static final String CHARSMAP = "tokenizer.ggml.precompiled_charsmap";

    private LoaderChecks() {
    }

    /** @throws GgufFormatException if the file would abort llama.cpp's loader or make it read past an array */
    public static void check(GgufFile file) {
        GgufMetadata metadata = file.metadata();
        Optional<GgufArray> tokens = requireArrayOf(metadata, TOKENS, GgufValueType.STRING);
        requireArrayOf(metadata, MERGES, GgufValueType.STRING);
        if (metadata.contains(CHARSMAP)) {
            GgufArray charsmap = requireArray(metadata, CHARSMAP, GgufValueType.UINT8);
            if (charsmap.elementType() != GgufValueType.UINT8 && charsmap.elementType() != GgufValueType.INT8) {
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
