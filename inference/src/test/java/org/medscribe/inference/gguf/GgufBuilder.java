package org.medscribe.inference.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small GGUF files for tests, valid or deliberately broken. Valid by default: version 3,
 * counts matching what was added, tensors laid out one after another at the alignment. The
 * {@code raw…} methods and overrides produce the broken variants (empty keys, bad types, lying
 * counts, overlapping or misplaced tensors).
 */
public final class GgufBuilder {

    private long version = 3;
    private Long tensorCountOverride;
    private Long keyCountOverride;
    private long alignment = 32;
    private final List<byte[]> keyValues = new ArrayList<>();
    private final List<TensorInfo> tensors = new ArrayList<>();
    private long nextOffset;
    private long extraTrailingBytes;
    private long explicitDataBytes;

    private record TensorInfo(byte[] name, long[] dims, long typeId, long offset, long byteSize) {
    }

    /** A builder holding the minimum of a loadable-looking llama model header (no tensors). */
    public static GgufBuilder llamaLike(String architecture) {
        return new GgufBuilder()
                .string("general.architecture", architecture)
                .string("general.name", "test model")
                .u32(architecture + ".context_length", 4096)
                .u32(architecture + ".embedding_length", 64)
                .u32(architecture + ".block_count", 2)
                .u32(architecture + ".attention.head_count", 4)
                .u32(architecture + ".attention.head_count_kv", 2)
                .u32("general.file_type", 1)
                .string("tokenizer.ggml.model", "llama");
    }

    public GgufBuilder version(long value) {
        this.version = value;
        return this;
    }

    public GgufBuilder tensorCount(long value) {
        this.tensorCountOverride = value;
        return this;
    }

    public GgufBuilder keyCount(long value) {
        this.keyCountOverride = value;
        return this;
    }

    /** Sets the alignment used to lay out tensors and pad the header (does not write the key). */
    public GgufBuilder layoutAlignment(long value) {
        this.alignment = value;
        return this;
    }

    /** Bytes appended after the last tensor's data. */
    public GgufBuilder trailingBytes(long count) {
        this.extraTrailingBytes = count;
        return this;
    }

    public GgufBuilder string(String key, String value) {
        return raw(utf8(key), GgufValueType.STRING.id(), stringBytes(utf8(value)));
    }

    public GgufBuilder u32(String key, long value) {
        return raw(utf8(key), GgufValueType.UINT32.id(), le(4, value));
    }

    public GgufBuilder i32(String key, long value) {
        return raw(utf8(key), GgufValueType.INT32.id(), le(4, value));
    }

    public GgufBuilder u64(String key, long value) {
        return raw(utf8(key), GgufValueType.UINT64.id(), le(8, value));
    }

    public GgufBuilder f32(String key, float value) {
        return raw(utf8(key), GgufValueType.FLOAT32.id(), le(4, Float.floatToIntBits(value)));
    }

    public GgufBuilder bool(String key, boolean value) {
        return raw(utf8(key), GgufValueType.BOOL.id(), new byte[] {(byte) (value ? 1 : 0)});
    }

    public GgufBuilder stringArray(String key, List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4, GgufValueType.STRING.id()));
        out.writeBytes(le(8, values.size()));
        for (String value : values) {
            out.writeBytes(stringBytes(utf8(value)));
        }
        return raw(utf8(key), GgufValueType.ARRAY.id(), out.toByteArray());
    }

    /** An array of fixed-size numbers, each written in {@code type}'s width. */
    public GgufBuilder numberArray(String key, GgufValueType type, long... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4, type.id()));
        out.writeBytes(le(8, values.length));
        for (long value : values) {
            out.writeBytes(le(type.fixedSize(), value));
        }
        return raw(utf8(key), GgufValueType.ARRAY.id(), out.toByteArray());
    }

    /** A key/value pair written exactly as given: key bytes, type id, value bytes. */
    public GgufBuilder raw(byte[] key, long typeId, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(stringBytes(key));
        out.writeBytes(le(4, typeId));
        out.writeBytes(value);
        keyValues.add(out.toByteArray());
        return this;
    }

    /** A tensor laid out after the previous one, its data zero-filled. */
    public GgufBuilder tensor(String name, GgmlType type, long... dims) {
        long elements = 1;
        for (long dim : dims) {
            elements *= dim;
        }
        long byteSize = elements / type.blockSize() * type.blockBytes();
        long offset = align(nextOffset);
        nextOffset = offset + byteSize;
        tensors.add(new TensorInfo(utf8(name), dims.clone(), type.id(), offset, byteSize));
        return this;
    }

    /** A tensor entry written exactly as given; reserves no data (see {@link #dataBytes}). */
    public GgufBuilder rawTensor(String name, long typeId, long offset, long... dims) {
        tensors.add(new TensorInfo(utf8(name), dims.clone(), typeId, offset, 0));
        return this;
    }

    /** Makes the data section at least {@code count} bytes long. */
    public GgufBuilder dataBytes(long count) {
        this.explicitDataBytes = count;
        return this;
    }

    public byte[] build() {
        byte[] header = header();
        long dataStart = align(header.length);
        long total = dataStart + dataEnd() + extraTrailingBytes;
        byte[] file = new byte[Math.toIntExact(total)];
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }

    /** Writes the file sparsely (zero data is a hole), so large test models cost no disk time. */
    public Path writeTo(Path path) throws IOException {
        byte[] header = header();
        long total = align(header.length) + dataEnd() + extraTrailingBytes;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(0);
            file.write(header);
            file.setLength(total);
        }
        return path;
    }

    /** Size of the header before padding: the offset where the data section's padding starts. */
    public int headerLength() {
        return header().length;
    }

    private long dataEnd() {
        long end = explicitDataBytes;
        for (TensorInfo tensor : tensors) {
            if (tensor.byteSize() > 0) { // raw entries reserve nothing
                end = Math.max(end, tensor.offset() + tensor.byteSize());
            }
        }
        return end;
    }

    private byte[] header() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4, version));
        out.writeBytes(le(8, tensorCountOverride != null ? tensorCountOverride : tensors.size()));
        out.writeBytes(le(8, keyCountOverride != null ? keyCountOverride : keyValues.size()));
        keyValues.forEach(out::writeBytes);
        for (TensorInfo tensor : tensors) {
            out.writeBytes(stringBytes(tensor.name()));
            out.writeBytes(le(4, tensor.dims().length));
            for (long dim : tensor.dims()) {
                out.writeBytes(le(8, dim));
            }
            out.writeBytes(le(4, tensor.typeId()));
            out.writeBytes(le(8, tensor.offset()));
        }
        return out.toByteArray();
    }

    private long align(long offset) {
        long rest = offset % alignment;
        return rest == 0 ? offset : offset + alignment - rest;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A GGUF string: 64-bit length then the bytes. */
    public static byte[] stringBytes(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(8, bytes.length));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    /** {@code value} little-endian in {@code width} bytes (1, 2, 4 or 8). */
    public static byte[] le(int width, long value) {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        byte[] out = new byte[width];
        System.arraycopy(buffer.array(), 0, out, 0, width);
        return out;
    }
}
