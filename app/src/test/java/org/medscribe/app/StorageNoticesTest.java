package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.i18n.Messages;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.Actor;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.NewPatient;
import org.medscribe.storage.StoreLayout;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.crypto.KeyFileKeySource;
import org.medscribe.ui.MessageKey;

/** What the doctor is told at start-up about a damaged encounter database, on a real damaged file. */
class StorageNoticesTest {

    @TempDir
    Path root;

    @Test
    void aHealthyStoreSaysNothing() {
        try (EncounterStore store = open()) {
            assertThat(StorageNotices.of(store.status(), layout().backupDirectory())).isEmpty();
        }
    }

    @Test
    void aDamagedStoreSaysSoAndNamesTheBackupAndTheCommandThatRestoresIt() throws Exception {
        BackupInfo backup;
        try (EncounterStore store = open()) {
            store.patients().addClinician("Dr Lee", null);
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
        }
        damageHeader();
        try (EncounterStore store = open()) {
            List<MessageKey> lines = StorageNotices.of(store.status(), layout().backupDirectory());
            assertThat(lines).extracting(MessageKey::key)
                    .containsExactly("storage.error.corrupt", "storage.notice.restoreFrom");
            String english = lines.get(1).in(new Messages(Locale.ROOT));
            assertThat(english).contains("medscribe restore \"" + backup.file().toAbsolutePath() + "\"")
                    .contains(backup.manifest().createdAt());
            assertThat(lines.get(1).in(new Messages(Messages.CHINESE)))
                    .contains("medscribe restore").contains("最新的完整备份");
        }
    }

    @Test
    void aDamagedStoreWithoutBackupsSaysWhereNoneWasFound() throws Exception {
        try (EncounterStore store = open()) {
            store.patients().addClinician("Dr Lee", null);
        }
        damageHeader();
        try (EncounterStore store = open()) {
            assertThat(StorageNotices.of(store.status(), layout().backupDirectory())).extracting(MessageKey::key)
                    .containsExactly("storage.error.corrupt", "storage.notice.noBackup");
        }
    }

    @Test
    void aGarbledNameOpensReadOnlyAndTheNoticeNamesItsRow() throws Exception {
        String patientId;
        try (EncounterStore store = open()) {
            patientId = store.patients().createPatient(new NewPatient("Ann Lee", "N-1", null, null), Actor.system()).id();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + layout().databaseFile());
             Statement s = c.createStatement()) {
            // One byte of the ciphertext flipped (0x00 <-> 0x01 or to 0x00), as a bad sector or a curious editor would.
            s.execute("UPDATE patients SET name = substr(name, 1, 14) || (CASE WHEN substr(name, 15, 1) = X'00' "
                    + "THEN X'01' ELSE X'00' END) || substr(name, 16)");
        }
        try (EncounterStore store = open()) {
            List<MessageKey> lines = StorageNotices.of(store.status(), layout().backupDirectory());
            assertThat(lines).extracting(MessageKey::key)
                    .containsExactly("storage.error.damagedRows", "storage.notice.damagedRows", "storage.notice.noBackup");
            assertThat(lines.get(1).in(new Messages(Locale.ROOT))).contains("patients " + patientId).doesNotContain("Ann");
        }
    }

    private EncounterStore open() {
        AppDirectories directories = new AppDirectories(root);
        return EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()));
    }

    private StoreLayout layout() {
        return new AppDirectories(root).store();
    }

    private void damageHeader() throws Exception {
        Path file = layout().databaseFile();
        assertThat(Files.size(file)).isPositive();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] header = new byte[16];
            raf.readFully(header);
            for (int i = 0; i < header.length; i++) {
                header[i] = (byte) ~header[i];
            }
            raf.seek(0);
            raf.write(header);
        }
    }
}
