package org.medscribe.inference.gguf;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a user and the admission check need to know about a model, read from its GGUF header.
 * Architecture-specific values are read from {@code <architecture>.<name>} keys; a value the file
 * does not carry is 0 (numbers) or null (texts).
 *
 * @param version          GGUF version (2 or 3)
 * @param architecture     {@code general.architecture}, e.g. {@code qwen2}, {@code llama}; empty if absent
 * @param name             {@code general.name}, or null
 * @param contextLength    context the model was trained for ({@code <arch>.context_length})
 * @param embeddingLength  hidden size ({@code <arch>.embedding_length})
 * @param blockCount       transformer layers ({@code <arch>.block_count})
 * @param headCount        attention heads ({@code <arch>.attention.head_count}; the largest if per layer)
 * @param headCountKv      key/value heads ({@code <arch>.attention.head_count_kv}), defaults to headCount
 * @param keyLength        size of one key head ({@code <arch>.attention.key_length}), defaults to embedding/heads
 * @param valueLength      size of one value head ({@code <arch>.attention.value_length}), defaults to keyLength
 * @param fileType         {@code general.file_type} (llama.cpp's ftype id), or -1 if absent
 * @param quantization     a name such as {@code Q4_K_M}: from the file type, else the tensor type
 *                         holding most bytes (e.g. {@code Q4_K}), else {@code unknown}
 * @param chatTemplate     {@code tokenizer.chat_template} (Jinja text), or null if absent
 * @param tokenizerModel   {@code tokenizer.ggml.model} ({@code llama}, {@code gpt2}…), or null
 * @param vocabularySize   tokens in {@code tokenizer.ggml.tokens} (else {@code <arch>.vocab_size})
 * @param parameterCount   sum of all tensors' elements
 * @param tensorCount      number of tensors
 * @param fileSize         bytes of the file
 * @param tensorDataBytes  bytes of tensor data (the weights llama.cpp maps into memory)
 * @param splitCount       files the model is split into ({@code split.count}); 1 for a single file,
 *                         the usual case. The other figures then describe this file only.
 */
public record GgufModelInfo(
        int version,
        String architecture,
        String name,
        long contextLength,
        long embeddingLength,
        long blockCount,
        long headCount,
        long headCountKv,
        long keyLength,
        long valueLength,
        int fileType,
        String quantization,
        String chatTemplate,
        String tokenizerModel,
        long vocabularySize,
        long parameterCount,
        int tensorCount,
        long fileSize,
        long tensorDataBytes,
        int splitCount) {

    public GgufModelInfo {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(quantization, "quantization");
    }

    /** Summarises a parsed header. */
    public static GgufModelInfo of(GgufFile file) {
        GgufMetadata metadata = file.metadata();
        String architecture = metadata.string("general.architecture").orElse("");
        String prefix = architecture + ".";
        long embedding = positive(metadata, prefix + "embedding_length");
        long heads = positiveOrLargest(metadata, prefix + "attention.head_count");
        long kvHeads = positiveOrLargest(metadata, prefix + "attention.head_count_kv");
        if (kvHeads == 0) {
            kvHeads = heads;
        }
        long keyLength = positive(metadata, prefix + "attention.key_length");
        if (keyLength == 0 && heads > 0) {
            keyLength = embedding / heads;
        }
        long valueLength = positive(metadata, prefix + "attention.value_length");
        if (valueLength == 0) {
            valueLength = keyLength;
        }
        OptionalLong fileType = metadata.integer("general.file_type");
        long vocabulary = metadata.array(LoaderChecks.TOKENS).map(GgufArray::length)
                .orElseGet(() -> positive(metadata, prefix + "vocab_size"));
        return new GgufModelInfo(
                file.version(),
                architecture,
                metadata.string("general.name").orElse(null),
                positive(metadata, prefix + "context_length"),
                embedding,
                positive(metadata, prefix + "block_count"),
                heads,
                kvHeads,
                keyLength,
                valueLength,
                fileType.isPresent() && fileType.getAsLong() >= 0 && fileType.getAsLong() <= Integer.MAX_VALUE
                        ? (int) fileType.getAsLong() : -1,
                quantization(fileType, file),
                metadata.string("tokenizer.chat_template").orElse(null),
                metadata.string("tokenizer.ggml.model").orElse(null),
                vocabulary,
                file.parameterCount(),
                file.tensors().size(),
                file.fileSize(),
                file.tensorDataBytes(),
                (int) Math.min(Integer.MAX_VALUE, Math.max(1, positive(metadata, "split.count"))));
    }

    public Optional<String> chatTemplateText() {
        return Optional.ofNullable(chatTemplate);
    }

    private static String quantization(OptionalLong fileType, GgufFile file) {
        if (fileType.isPresent()) {
            LlamaFileType known = LlamaFileType.byId(fileType.getAsLong());
            if (known != null) {
                return known.label();
            }
        }
        // No (known) file type: name the tensor type that holds most of the weights.
        Map<GgmlType, Long> bytesByType = new EnumMap<>(GgmlType.class);
        for (GgufTensor tensor : file.tensors()) {
            bytesByType.merge(tensor.type(), tensor.byteSize(), Long::sum);
        }
        return bytesByType.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(entry -> entry.getKey().name())
                .orElse("unknown");
    }

    private static long positive(GgufMetadata metadata, String key) {
        OptionalLong value = metadata.integer(key);
        return value.isPresent() && value.getAsLong() > 0 ? value.getAsLong() : 0;
    }

    /** Some architectures (OpenELM) give head counts per layer as an array: size for the largest. */
    private static long positiveOrLargest(GgufMetadata metadata, String key) {
        long single = positive(metadata, key);
        if (single > 0) {
            return single;
        }
        return metadata.array(key)
                .filter(GgufArray::retained)
                .map(array -> array.elements().stream()
                        .filter(Long.class::isInstance)
                        .mapToLong(Long.class::cast)
                        .max().orElse(0))
                .filter(max -> max > 0)
                .orElse(0L);
    }
}
