package org.medscribe.storage;

import java.nio.file.Path;
import org.medscribe.settings.AppDirectories;

/**
 * Where the store keeps its files under the per-user data root: the database (and its WAL and
 * shared-memory files) in {@code data/}, backups in {@code backups/}, the key file in {@code keys/}.
 */
public record StoreLayout(Path databaseDirectory, Path databaseFile, Path backupDirectory, Path lockFile) {

    public static final String DATABASE_NAME = "medscribe.db";

    public static StoreLayout of(AppDirectories directories) {
        Path data = directories.database();
        return new StoreLayout(data, data.resolve(DATABASE_NAME), directories.root().resolve("backups"),
                data.resolve("medscribe.lock"));
    }

    public Path walFile() {
        return databaseFile.resolveSibling(DATABASE_NAME + "-wal");
    }

    public Path sharedMemoryFile() {
        return databaseFile.resolveSibling(DATABASE_NAME + "-shm");
    }
}
