package org.medscribe.inference.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.medscribe.common.MedScribeException;

/**
 * Reads and checks the header of a GGUF file (format versions 2 and 3) in plain Java, before any
 * native code sees the file. llama.cpp build 4916 aborts the whole process on some malformed
 * headers (an empty metadata key, a wrongly typed {@code general.alignment}), so everything the
 * native loader would trip over is refused here with a {@link GgufFormatException}.
 *
 * <p>Defensive by construction: every count and length is compared with the bytes actually left in
 * the file before anything is allocated, so a string length of 2^63 or an array count of 2^40 is a
 * typed error, not an {@code OutOfMemoryError}. Large metadata values are skipped rather than kept
 * (see {@link GgufArray}), and only the header is read: tensor data is only checked against the
 * file size.
 *
 * <p>Stateless and thread-safe; each call reads one source.
 */
public final class GgufReader {

    /**
     * Bytes allowed after the last tensor's data. Converters end the file there (at most alignment
     * padding follows); more is not part of the model.
     */
    static final long MAX_TRAILING_BYTES = 16L * 1024 * 1024;

    /** "GGUF" read as a little-endian 32-bit integer. */
    static final int MAGIC = 0x4655_4747;
    /** The GGUF specification caps keys at 65,535 bytes. */
    static final int MAX_KEY_BYTES = 65_535;
    /** ggml's GGML_MAX_NAME is 64 including the terminating zero; the loader refuses longer names. */
    static final int MAX_TENSOR_NAME_BYTES = 63;
    static final int MAX_DIMENSIONS = 4;
    static final long DEFAULT_ALIGNMENT = 32;
    /**
     * Far above any real model (the largest mixtures of experts have one or two thousand tensors and
     * a few hundred keys); the caps keep the parsed header within a few megabytes even for a
     * crafted multi-gigabyte file.
     */
    static final long MAX_TENSORS = 1L << 16;
    static final long MAX_KEYS = 1L << 16;
    /** Nested arrays are legal in GGUF but unused by models; deep nesting would only exhaust the stack. */
    static final int MAX_NESTING = 8;
    /** Strings up to this many bytes are kept (chat templates are a few kilobytes). */
    static final int RETAINED_STRING_BYTES = 4 << 20;
    /** Arrays up to this many elements are kept; longer ones keep type and length only. */
    static final int RETAINED_ARRAY_ELEMENTS = 1024;
    /** Bound on everything kept from one header, whatever the file holds. */
    static final long RETAINED_TOTAL_BYTES = 32L << 20;

    private static final int SMALLEST_KEY_VALUE = 8 + 1 + 4 + 1;
    private static final int SMALLEST_TENSOR_INFO = 8 + 1 + 4 + 4 + 8;

    private GgufReader() {
    }

    /**
     * Reads the header of the file at {@code path}.
     *
     * @throws GgufFormatException  if the file is not a usable GGUF file
     * @throws MedScribeException   BAD_INPUT if the file is missing or not a regular file, FAILED on an I/O error
     */
    public static GgufFile read(Path path) {
        if (!Files.exists(path)) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "model.error.fileMissing",
                    path.toString());
        }
        if (!Files.isRegularFile(path)) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "model.error.notAFile",
                    path.toString());
        }
        try (GgufSource source = GgufSource.open(path)) {
            return read(source);
        } catch (IOException e) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, e, "model.error.fileUnreadable",
                    path.toString());
        }
    }

    /** Reads the header held in {@code bytes} (tests, fuzzing). */
    public static GgufFile read(byte[] bytes) {
        return read(GgufSource.of(bytes));
    }

    /**
     * Reads the header of {@code source}; does not close it.
     *
     * @throws GgufFormatException if the bytes are not a usable GGUF file
     * @throws MedScribeException  FAILED if reading the source fails
     */
    public static GgufFile read(GgufSource source) {
        try {
            return new Parse(new GgufCursor(source)).run();
        } catch (UncheckedIOException e) {
            throw new MedScribeException(MedScribeException.Category.FAILED, e.getCause(), "model.error.readFailed");
        }
    }

    /** One parse: the cursor plus the retention budget it has used. */
    private static final class Parse {
        private final GgufCursor in;
        private long retained;

        Parse(GgufCursor in) {
            this.in = in;
        }

        GgufFile run() {
            if (in.size() < 4 || in.i32() != MAGIC) {
                throw new GgufFormatException("model.error.gguf.notGguf");
            }
            long version = in.u32();
            if (version != 2 && version != 3) {
                throw new GgufFormatException("model.error.gguf.version", version);
            }
            long tensorCountOffset = in.position();
            long tensorCount = in.i64();
            long keyCountOffset = in.position();
            long keyCount = in.i64();
            if (keyCount < 0 || keyCount > MAX_KEYS || keyCount > in.remaining() / SMALLEST_KEY_VALUE) {
                throw new GgufFormatException("model.error.gguf.keyCount", Long.toUnsignedString(keyCount),
                        keyCountOffset, in.remaining());
            }
            // Tensor infos follow the metadata, so bound the count by the whole rest of the file now
            // and precisely once the metadata has been read.
            if (tensorCount < 0 || tensorCount > MAX_TENSORS || tensorCount > in.remaining() / SMALLEST_TENSOR_INFO) {
                throw new GgufFormatException("model.error.gguf.tensorCount", Long.toUnsignedString(tensorCount),
                        tensorCountOffset, in.remaining());
            }

            LinkedHashMap<String, GgufMetadata.Entry> entries = new LinkedHashMap<>();
            for (long i = 0; i < keyCount; i++) {
                long keyOffset = in.position();
                String key = readKey(i);
                if (entries.containsKey(key)) {
                    throw new GgufFormatException("model.error.gguf.duplicateKey", key, keyOffset);
                }
                long typeOffset = in.position();
                long typeId = in.u32();
                GgufValueType type = GgufValueType.byId(typeId);
                if (type == null) {
                    throw new GgufFormatException("model.error.gguf.unknownValueType", typeId, key, typeOffset);
                }
                entries.put(key, new GgufMetadata.Entry(type, readValue(type, key, 0)));
            }
            GgufMetadata metadata = new GgufMetadata(entries);
            long alignment = alignment(metadata);

            if (tensorCount > in.remaining() / SMALLEST_TENSOR_INFO) {
                throw new GgufFormatException("model.error.gguf.tensorCount", tensorCount, tensorCountOffset,
                        in.remaining());
            }
            List<GgufTensor> tensors = new ArrayList<>((int) tensorCount);
            Set<String> names = new HashSet<>();
            for (long i = 0; i < tensorCount; i++) {
                long infoOffset = in.position();
                GgufTensor tensor = readTensorInfo(i, alignment);
                if (!names.add(tensor.name())) {
                    throw new GgufFormatException("model.error.gguf.duplicateTensor", tensor.name(), infoOffset);
                }
                tensors.add(tensor);
            }

            long headerEnd = in.position();
            long dataOffset = alignUp(headerEnd, alignment);
            checkPlacement(tensors, dataOffset, in.size());
            return new GgufFile((int) version, metadata, tensors, alignment, dataOffset, in.size());
        }

        private String readKey(long index) {
            long offset = in.position();
            long length = in.i64();
            if (length == 0) {
                throw new GgufFormatException("model.error.gguf.emptyKey", index + 1, offset);
            }
            if (length < 0 || length > MAX_KEY_BYTES) {
                throw new GgufFormatException("model.error.gguf.keyTooLong", Long.toUnsignedString(length), offset);
            }
            return in.utf8((int) length);
        }

        private Object readValue(GgufValueType type, String key, int depth) {
            return switch (type) {
                case UINT8 -> (long) in.u8();
                case INT8 -> (long) (byte) in.u8();
                case UINT16 -> (long) in.u16();
                case INT16 -> (long) in.i16();
                case UINT32 -> in.u32();
                case INT32 -> (long) in.i32();
                case UINT64, INT64 -> in.i64();
                case FLOAT32 -> (double) in.f32();
                case FLOAT64 -> in.f64();
                case BOOL -> in.u8() != 0;
                case STRING -> readString(key);
                case ARRAY -> readArray(key, depth + 1);
            };
        }

        /** A string value, or null when it is too large to keep (it is skipped). */
        private String readString(String key) {
            long offset = in.position();
            long length = in.i64();
            if (length < 0 || length > in.remaining()) {
                throw new GgufFormatException("model.error.gguf.stringLength", Long.toUnsignedString(length), key,
                        offset, in.remaining());
            }
            if (length <= RETAINED_STRING_BYTES && retained + length <= RETAINED_TOTAL_BYTES) {
                retained += length;
                return in.utf8((int) length);
            }
            in.skip(length);
            return null;
        }

        private GgufArray readArray(String key, int depth) {
            long offset = in.position();
            if (depth > MAX_NESTING) {
                throw new GgufFormatException("model.error.gguf.nestingTooDeep", key, offset, MAX_NESTING);
            }
            long typeId = in.u32();
            GgufValueType elementType = GgufValueType.byId(typeId);
            if (elementType == null) {
                throw new GgufFormatException("model.error.gguf.unknownValueType", typeId, key, offset);
            }
            long lengthOffset = in.position();
            long length = in.i64();
            if (length < 0 || length > in.remaining() / elementType.minimumSize()) {
                throw new GgufFormatException("model.error.gguf.arrayLength", Long.toUnsignedString(length), key,
                        lengthOffset, in.remaining());
            }
            boolean keep = length <= RETAINED_ARRAY_ELEMENTS && retained + 8 * length <= RETAINED_TOTAL_BYTES;
            if (!keep && elementType.fixedSize() > 0) {
                in.skip(length * elementType.fixedSize());
                return new GgufArray(elementType, length, List.of());
            }
            List<Object> elements = keep ? new ArrayList<>((int) length) : null;
            if (keep) {
                retained += 8 * length;
            }
            for (long i = 0; i < length; i++) {
                Object element = readValue(elementType, key, depth);
                if (elements != null) {
                    if (element == null) {
                        // A string too large to keep: the array cannot be kept whole either.
                        elements = null;
                    } else {
                        elements.add(element);
                    }
                }
            }
            return new GgufArray(elementType, length, elements == null ? List.of() : elements);
        }

        private long alignment(GgufMetadata metadata) {
            var entry = metadata.entry("general.alignment");
            if (entry.isEmpty()) {
                return DEFAULT_ALIGNMENT;
            }
            // llama.cpp reads this key with an assertion on its type: any other type aborts the process.
            if (entry.get().type() != GgufValueType.UINT32) {
                throw new GgufFormatException("model.error.gguf.keyType", "general.alignment",
                        GgufValueType.UINT32, entry.get().type());
            }
            long value = (Long) entry.get().value();
            if (value == 0 || (value & (value - 1)) != 0) {
                throw new GgufFormatException("model.error.gguf.alignment", value);
            }
            return value;
        }

        private GgufTensor readTensorInfo(long index, long alignment) {
            long offset = in.position();
            long nameLength = in.i64();
            if (nameLength == 0) {
                throw new GgufFormatException("model.error.gguf.emptyTensorName", index + 1, offset);
            }
            if (nameLength < 0 || nameLength > MAX_TENSOR_NAME_BYTES) {
                throw new GgufFormatException("model.error.gguf.tensorNameTooLong", Long.toUnsignedString(nameLength),
                        offset, MAX_TENSOR_NAME_BYTES);
            }
            String name = in.utf8((int) nameLength);
            long dimensionCount = in.u32();
            if (dimensionCount > MAX_DIMENSIONS) {
                throw new GgufFormatException("model.error.gguf.tensorDimensions", name, dimensionCount, MAX_DIMENSIONS);
            }
            List<Long> dimensions = new ArrayList<>((int) dimensionCount);
            long elements = 1;
            for (int d = 0; d < dimensionCount; d++) {
                long size = in.i64();
                if (size == 0) {
                    throw new GgufFormatException("model.error.gguf.tensorZeroDimension", name, d);
                }
                if (size < 0) {
                    throw new GgufFormatException("model.error.gguf.tensorTooLarge", name);
                }
                dimensions.add(size);
                try {
                    elements = Math.multiplyExact(elements, size);
                } catch (ArithmeticException overflow) {
                    throw new GgufFormatException("model.error.gguf.tensorTooLarge", name);
                }
            }
            long typeId = in.u32();
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) {
                throw new GgufFormatException("model.error.gguf.unknownTensorType", name, typeId);
            }
            long rowLength = dimensions.isEmpty() ? 1 : dimensions.get(0);
            if (rowLength % type.blockSize() != 0) {
                throw new GgufFormatException("model.error.gguf.tensorShape", name, type.name(), rowLength,
                        type.blockSize());
            }
            long byteSize;
            try {
                byteSize = Math.multiplyExact(elements / type.blockSize(), (long) type.blockBytes());
            } catch (ArithmeticException overflow) {
                throw new GgufFormatException("model.error.gguf.tensorTooLarge", name);
            }
            long dataOffset = in.i64();
            if (dataOffset < 0) {
                throw new GgufFormatException("model.error.gguf.tensorOutsideFile", name,
                        Long.toUnsignedString(dataOffset), byteSize, in.size());
            }
            if (dataOffset % alignment != 0) {
                throw new GgufFormatException("model.error.gguf.tensorMisaligned", name, dataOffset, alignment);
            }
            return new GgufTensor(name, dimensions, type, dataOffset, elements, byteSize);
        }
    }

    /** Every tensor inside the file and none overlapping another. */
    private static void checkPlacement(List<GgufTensor> tensors, long dataOffset, long fileSize) {
        long dataBytes = fileSize - dataOffset;
        for (GgufTensor tensor : tensors) {
            // Compare with the room left rather than adding offset + size, which could overflow.
            if (dataBytes < 0 || tensor.offset() > dataBytes || tensor.byteSize() > dataBytes - tensor.offset()) {
                throw new GgufFormatException("model.error.gguf.tensorOutsideFile", tensor.name(),
                        tensor.offset(), tensor.byteSize(), fileSize);
            }
        }
        List<GgufTensor> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(GgufTensor::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            GgufTensor previous = byOffset.get(i - 1);
            GgufTensor next = byOffset.get(i);
            if (previous.end() > next.offset()) {
                throw new GgufFormatException("model.error.gguf.tensorOverlap", next.name(), previous.name());
            }
        }
        long extent = byOffset.isEmpty() ? 0 : byOffset.get(byOffset.size() - 1).end();
        if (dataBytes - extent > MAX_TRAILING_BYTES) {
            // llama.cpp maps the whole file and asks the kernel to read all of it ahead: a sparse
            // 200 GB file behind a small model's header keeps the loader reading for hours.
            throw new GgufFormatException("model.error.gguf.trailingData", fileSize, dataOffset + extent);
        }
    }

    static long alignUp(long offset, long alignment) {
        long rest = offset % alignment;
        return rest == 0 ? offset : offset + (alignment - rest);
    }
}
