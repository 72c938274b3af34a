package org.medscribe.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * File operations every feature needs the same way: directories only their owner can read, and
 * files replaced whole or not at all (a crash mid-write never leaves half a settings file, cache or
 * library behind).
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and parents) readable by the owner only where the file system allows. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the per-user profile directory is already private to the user.
        }
        return dir;
    }

    /**
     * Makes {@code file} readable and writable by its owner only (0600) where the file system has
     * POSIX permissions; set explicitly so the result never depends on the process's umask.
     */
    public static Path restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: files under the per-user profile are already private to the user.
        }
        return file;
    }

    /** Moves {@code from} onto {@code to} atomically where the file system can, else by a plain replace. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Replaces {@code target} with {@code content}: written to a temporary file beside it, flushed to
     * the disk, then moved into place.
     */
    public static void write(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".writing-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
