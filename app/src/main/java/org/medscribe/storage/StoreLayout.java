package org.medscribe.storage;

import java.nio.file.Path;

/**
 * Where the store keeps its files: the database (and its WAL, shared-memory and lock files) in its
 * directory, the backups, the key file, and the directory SQLite's native library is unpacked to.
 * The application decides where these are and hands the layout in.
 */
public record StoreLayout(Path databaseDirectory, Path databaseFile, Path backupDirectory, Path lockFile,
                          Path nativesDirectory, Path keyFile) {

    public static final String DATABASE_NAME = "medscribe.db";

    public static StoreLayout of(Path databaseDirectory, Path backupDirectory, Path nativesDirectory, Path keyFile) {
        return new StoreLayout(databaseDirectory, databaseDirectory.resolve(DATABASE_NAME), backupDirectory,
                databaseDirectory.resolve("medscribe.lock"), nativesDirectory, keyFile);
    }

    /** The audit anchor (see {@link org.medscribe.storage.audit.AuditAnchor}). */
    public Path anchorFile() {
        return org.medscribe.storage.audit.AuditAnchor.besides(databaseFile);
    }

    public Path walFile() {
        return databaseFile.resolveSibling(DATABASE_NAME + "-wal");
    }

    public Path sharedMemoryFile() {
        return databaseFile.resolveSibling(DATABASE_NAME + "-shm");
    }
}
