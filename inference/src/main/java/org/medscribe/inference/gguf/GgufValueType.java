package org.medscribe.inference.gguf;

/**
 * The value types of GGUF metadata, with their ids in the file. Integers are held as {@code Long}
 * (an unsigned 64-bit value above {@code Long.MAX_VALUE} wraps negative), floats as {@code Double},
 * booleans as {@code Boolean}, strings as {@code String}, arrays as {@link GgufArray}.
 */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, -1),
    ARRAY(9, -1),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private static final GgufValueType[] BY_ID = values();

    private final int id;
    private final int fixedSize;

    GgufValueType(int id, int fixedSize) {
        this.id = id;
        this.fixedSize = fixedSize;
    }

    public int id() {
        return id;
    }

    /** Bytes one value occupies, or -1 for strings and arrays (variable length). */
    public int fixedSize() {
        return fixedSize;
    }

    /** The smallest number of bytes one value of this type can occupy in a file. */
    int minimumSize() {
        return switch (this) {
            case STRING -> 8; // the length
            case ARRAY -> 12; // element type + count
            default -> fixedSize;
        };
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    /** The type with {@code id}, or null if the id is not a GGUF value type. */
    public static GgufValueType byId(long id) {
        // Ids are assigned densely from 0 in declaration order.
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
