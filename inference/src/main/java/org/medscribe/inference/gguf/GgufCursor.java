package org.medscribe.inference.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sequential little-endian reads over a {@link GgufSource} through a small window, so reading the
 * header of a large file touches only the header. Every read first checks that the bytes exist;
 * running out is a {@link GgufFormatException}, never an {@code IndexOutOfBoundsException}.
 */
final class GgufCursor {

    private static final int WINDOW = 64 * 1024;

    private final GgufSource source;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private long position;

    GgufCursor(GgufSource source) {
        this.source = source;
        this.size = source.size();
        window.limit(0);
    }

    long position() {
        return position;
    }

    long size() {
        return size;
    }

    long remaining() {
        return size - position;
    }

    /** Fails unless {@code count} more bytes exist (count may be any non-negative long). */
    void require(long count) {
        if (count < 0 || count > remaining()) {
            throw new GgufFormatException("model.error.gguf.truncated", position, count < 0 ? "?" : count,
                    remaining());
        }
    }

    int u8() {
        fill(1);
        return window.get() & 0xFF;
    }

    int u16() {
        fill(2);
        return window.getShort() & 0xFFFF;
    }

    short i16() {
        fill(2);
        return window.getShort();
    }

    /** An unsigned 32-bit value. */
    long u32() {
        fill(4);
        return window.getInt() & 0xFFFF_FFFFL;
    }

    int i32() {
        fill(4);
        return window.getInt();
    }

    /** A 64-bit value; unsigned values at or above 2^63 come back negative. */
    long i64() {
        fill(8);
        return window.getLong();
    }

    float f32() {
        return Float.intBitsToFloat(i32());
    }

    double f64() {
        return Double.longBitsToDouble(i64());
    }

    /** Reads {@code length} bytes as UTF-8 (malformed sequences become U+FFFD); the caller bounded length. */
    String utf8(int length) {
        require(length);
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            int chunk = Math.min(WINDOW, length - done);
            fill(chunk);
            window.get(bytes, done, chunk);
            done += chunk;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    void skip(long count) {
        require(count);
        long inWindow = windowStart + window.limit() - position;
        if (count <= inWindow) {
            window.position(window.position() + (int) count);
        } else {
            window.limit(0);
            windowStart = position + count;
        }
        position += count;
    }

    private void fill(int count) {
        require(count);
        if (window.remaining() < count) {
            windowStart = position;
            window.clear();
            try {
                while (window.position() < count) {
                    int n = source.read(windowStart + window.position(), window);
                    if (n <= 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            window.flip();
            if (window.remaining() < count) {
                // The source shrank under us (file truncated while reading).
                throw new GgufFormatException("model.error.gguf.truncated", position, count, window.remaining());
            }
        }
        position += count;
    }
}
