package org.medscribe.inference.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Random-access bytes of a model file with a known size. The reader only ever asks for the header
 * region, so a multi-gigabyte model is never loaded whole; tensor data is only compared with
 * {@link #size()}.
 *
 * <p>Not thread-safe; one reader at a time. {@link #close()} releases the file handle.
 */
public interface GgufSource extends AutoCloseable {

    /** Total number of bytes. */
    long size();

    /**
     * Reads up to {@code target.remaining()} bytes starting at {@code position} into {@code target};
     * returns how many were read (fewer only at the end of the source).
     */
    int read(long position, ByteBuffer target) throws IOException;

    @Override
    void close() throws IOException;

    /** Bytes held in memory (tests, fuzzing). */
    static GgufSource of(byte[] bytes) {
        return new ArraySource(bytes);
    }

    /** A file opened read-only; the caller closes it. */
    static GgufSource open(Path file) throws IOException {
        return new FileSource(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** In-memory bytes. */
    final class ArraySource implements GgufSource {
        private final byte[] bytes;

        private ArraySource(byte[] bytes) {
            this.bytes = Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(long position, ByteBuffer target) {
            if (position >= bytes.length) {
                return 0;
            }
            int count = (int) Math.min(target.remaining(), bytes.length - position);
            target.put(bytes, (int) position, count);
            return count;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** A read-only file channel; positional reads, so the channel's own position never matters. */
    final class FileSource implements GgufSource {
        private final FileChannel channel;
        private final long size;

        private FileSource(FileChannel channel) throws IOException {
            this.channel = channel;
            this.size = channel.size();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int read(long position, ByteBuffer target) throws IOException {
            int total = 0;
            while (target.hasRemaining() && position + total < size) {
                int n = channel.read(target, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
