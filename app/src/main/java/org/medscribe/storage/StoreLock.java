package org.medscribe.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * One process at a time may write the store (the app, or a command-line backup/restore). The OS
 * releases the lock when the process dies, so a crash never leaves the store locked.
 */
final class StoreLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new MedScribeException(Category.FAILED, "storage.error.inUse");
            }
            return new StoreLock(channel, lock);
        } catch (OverlappingFileLockException sameProcess) {
            closeQuietly(channel);
            throw new MedScribeException(Category.FAILED, "storage.error.inUse");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new MedScribeException(Category.FAILED, e, "storage.error.cantOpen");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it as well.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }
}
