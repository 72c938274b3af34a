package org.medscribe.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.storage.LocationCheck.LocationWarning;
import org.medscribe.storage.backup.BackupInfo;

/**
 * How the store stands after opening, for a status line and, when damaged, a restore offer.
 *
 * @param problemKey why the store is not {@link Health#OK} (a message key), else {@code null}
 * @param restoreOffer complete backups, newest first (filled when the store is damaged)
 * @param damagedRows rows that failed to decrypt at start (why the store opened read-only), by table and id
 */
public record StoreStatus(Health health, String problemKey, int schemaVersion, Map<String, String> pragmas,
                          Optional<LocationWarning> locationWarning, List<BackupInfo> restoreOffer,
                          Path databaseFile, List<VerificationReport.Problem> damagedRows) {

    /** Whether the store can be written. */
    public enum Health {
        /** Passed the start-up check; reads and writes work. */
        OK,
        /**
         * The database failed its start-up check or cannot be opened. Nothing is written (no silent
         * repair); reads work only as far as the damage allows. Offer {@link #restoreOffer()}.
         */
        DAMAGED_READ_ONLY
    }
}
