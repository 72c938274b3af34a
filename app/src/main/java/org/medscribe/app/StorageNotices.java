package org.medscribe.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.medscribe.storage.StoreStatus;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.ui.MessageKey;

/**
 * What the doctor must be told about the encounter database when the app starts: that it sits on a
 * network drive or in a cloud-synced folder, or that it is damaged (nothing is written to it), which
 * rows failed to decrypt, and which backup restores it, with the exact command. Shown in a dialog that stays until read.
 */
final class StorageNotices {

    private StorageNotices() {
    }

    /** The lines to show, in order (empty when all is well). */
    static List<MessageKey> of(StoreStatus status, Path backupDirectory) {
        List<MessageKey> lines = new ArrayList<>();
        if (status.health() == StoreStatus.Health.DAMAGED_READ_ONLY) {
            lines.add(new MessageKey(status.problemKey() == null ? "storage.error.corrupt" : status.problemKey()));
            if (!status.damagedRows().isEmpty()) {
                // Table and id only (never content), at most a few: the full list is in medscribe verify.
                String named = status.damagedRows().stream().limit(5).map(p -> p.table() + " " + p.rowId())
                        .collect(Collectors.joining(", "));
                lines.add(new MessageKey("storage.notice.damagedRows", status.damagedRows().size(), named));
            }
            if (status.restoreOffer().isEmpty()) {
                lines.add(new MessageKey("storage.notice.noBackup", backupDirectory.toString()));
            } else {
                BackupInfo newest = status.restoreOffer().get(0);
                lines.add(new MessageKey("storage.notice.restoreFrom", newest.manifest().createdAt(),
                        newest.file().toAbsolutePath().toString()));
            }
        }
        status.locationWarning().ifPresent(warning -> lines.add(new MessageKey(warning.messageKey(), warning.detail())));
        return lines;
    }
}
