package org.medscribe.inference.gguf;

import java.util.List;
import java.util.Objects;

/**
 * A parsed and checked GGUF header: every tensor lies inside the file, aligned, without overlap.
 *
 * @param version    GGUF version, 2 or 3
 * @param metadata   key/value pairs
 * @param tensors    the tensor table in file order
 * @param alignment  data alignment in bytes ({@code general.alignment}, default 32)
 * @param dataOffset absolute byte offset where the data section starts
 * @param fileSize   size of the whole file in bytes
 */
public record GgufFile(int version, GgufMetadata metadata, List<GgufTensor> tensors, long alignment, long dataOffset,
        long fileSize) {

    public GgufFile {
        Objects.requireNonNull(metadata, "metadata");
        tensors = List.copyOf(tensors);
    }

    /** Sum of all tensors' data bytes (what llama.cpp maps or loads as weights). */
    public long tensorDataBytes() {
        long total = 0;
        for (GgufTensor tensor : tensors) {
            total += tensor.byteSize();
        }
        return total;
    }

    /** Sum of all tensors' elements: the parameter count. */
    public long parameterCount() {
        long total = 0;
        for (GgufTensor tensor : tensors) {
            total += tensor.elementCount();
        }
        return total;
    }
}
