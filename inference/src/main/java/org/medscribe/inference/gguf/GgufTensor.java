package org.medscribe.inference.gguf;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the tensor table: where a weight matrix lives in the file and what it holds.
 *
 * @param name         e.g. {@code blk.0.attn_q.weight}
 * @param dimensions   1 to 4 sizes, innermost first (ggml order)
 * @param type         data type
 * @param offset       byte offset of the data, relative to the start of the data section
 * @param elementCount product of the dimensions
 * @param byteSize     bytes of data
 */
public record GgufTensor(String name, List<Long> dimensions, GgmlType type, long offset, long elementCount,
        long byteSize) {

    public GgufTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dimensions = List.copyOf(dimensions);
    }

    /** The first byte after this tensor's data, relative to the data section. */
    public long end() {
        return offset + byteSize;
    }
}
