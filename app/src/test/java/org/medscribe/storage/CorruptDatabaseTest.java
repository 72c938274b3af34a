package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.backup.BackupInfo;

/** Flipped bytes in the header or the pages: a clear status and a restore offer; no crash, no hang. */
class CorruptDatabaseTest {

    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path root;
    private Path databaseFile;
    private BackupInfo backup;

    @BeforeEach
    void storeWithBackup() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            for (int i = 0; i < 40; i++) {
                StoreFixtures.patientWithEncounter(store, "Patient " + i, "C-" + i, "note " + "x".repeat(2000), doctor);
            }
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
            databaseFile = store.layout().databaseFile();
        }
    }

    @Test
    void damagedHeaderOpensReadOnlyWithARestoreOffer() throws Exception {
        flip(databaseFile, 0, 16);
        assertDamagedThenRestorable();
    }

    @Test
    void damagedPagesOpenReadOnlyWithARestoreOffer() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(databaseFile.toFile(), "rw")) {
            int pageSize = 4096;
            for (long page = 1; page * pageSize < file.length(); page += 2) {
                flip(file, page * pageSize, 8);
            }
        }
        assertDamagedThenRestorable();
    }

    private void assertDamagedThenRestorable() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            try (EncounterStore store = StoreFixtures.open(root)) {
                StoreStatus status = store.status();
                assertThat(status.health()).isEqualTo(StoreStatus.Health.DAMAGED_READ_ONLY);
                assertThat(status.problemKey()).isEqualTo("storage.error.corrupt");
                assertThat(status.restoreOffer()).extracting(BackupInfo::file).containsExactly(backup.file());
                assertThatThrownBy(() -> store.patients().createPatient(new NewPatient("New", null, null, null), Actor.system()))
                        .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.readOnly");
                assertThatThrownBy(() -> store.drafts().autosave("x", new DraftEdit("{}", Map.of())))
                        .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.readOnly");
            }
            assertThatThrownBy(() -> EncounterStore.verifyDatabase(new AppDirectories(root).store(), StoreFixtures.keys(root),
                    CancellationToken.none(), ProgressListener.NONE).ok())
                    .isInstanceOf(MedScribeException.class);
            EncounterStore.restore(new AppDirectories(root).store(), StoreFixtures.keys(root), backup.file(),
                    CancellationToken.none(), ProgressListener.NONE);
            try (EncounterStore store = StoreFixtures.open(root)) {
                assertThat(store.status().health()).isEqualTo(StoreStatus.Health.OK);
                assertThat(store.patients().findPatientByRecordNumber("C-39")).isPresent();
            }
        });
    }

    private static void flip(Path path, long offset, int length) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            flip(file, offset, length);
        }
    }

    private static void flip(RandomAccessFile file, long offset, int length) throws Exception {
        byte[] bytes = new byte[length];
        file.seek(offset);
        file.readFully(bytes);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        file.seek(offset);
        file.write(bytes);
    }
}
