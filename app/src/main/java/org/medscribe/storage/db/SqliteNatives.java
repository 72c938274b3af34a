package org.medscribe.storage.db;

import java.io.IOException;
import java.nio.file.Path;
import org.medscribe.common.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sqlite-jdbc unpacks its native library to {@code java.io.tmpdir} unless told otherwise; a shared
 * temp directory is writable by other users, so we point it at the app's own natives directory. An
 * installer that ships the library unpacked sets {@code org.sqlite.lib.path} and we leave it alone.
 */
public final class SqliteNatives {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNatives.class);

    private SqliteNatives() {
    }

    /** Call before the first connection of the process; later calls change nothing. */
    public static synchronized void prepare(Path natives) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        String configured = System.getProperty("org.sqlite.tmpdir");
        if (configured != null) {
            // Set by the launcher or inherited by a child JVM: it must exist before the driver unpacks there.
            try {
                PrivateFiles.directory(Path.of(configured));
            } catch (IOException e) {
                LOG.warn("cannot create the natives directory {}: {}", configured, e.getMessage());
            }
            return;
        }
        try {
            PrivateFiles.directory(natives);
            System.setProperty("org.sqlite.tmpdir", natives.toString());
        } catch (IOException e) {
            // Falling back to the temp dir would be the shared-directory risk we avoid; SQLite then
            // fails to load and the store reports it.
            LOG.warn("cannot create the natives directory {}: {}", natives, e.getMessage());
            System.setProperty("org.sqlite.tmpdir", natives.toString());
        }
    }
}
