package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.backup.BackupManifest;

class BackupRestoreTest {

    @TempDir
    Path root;

    private AppDirectories directories() {
        return new AppDirectories(root);
    }

    @Test
    void backupIsVerifiedAndDescribedByItsManifest() throws Exception {
        BackupInfo backup;
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            StoreFixtures.patientWithEncounter(store, "Ann Lee", null, "note", doctor);
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
        }
        BackupManifest manifest = backup.manifest();
        assertThat(manifest.rowCounts()).containsEntry("patients", 1L).containsEntry("encounters", 1L)
                .containsEntry("sources", 1L);
        assertThat(manifest.schemaVersion()).isEqualTo(org.medscribe.storage.db.Schema.LATEST);
        assertThat(manifest.auditHeadSeq()).isEqualTo(manifest.auditRows()).isPositive();
        assertThat(manifest.sha256()).hasSize(64);
        assertThat(StoreFixtures.integrityCheck(backup.file())).containsExactly("ok");
        try (Stream<Path> files = Files.list(backup.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void restoreBringsBackTheBackedUpStateAndKeepsTheReplacedFile() throws Exception {
        BackupInfo backup;
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.patients().createPatient(new NewPatient("Kept Patient", "K-1", null, null), Actor.system());
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
            store.patients().createPatient(new NewPatient("Later Patient", "K-2", null, null), Actor.system());
        }
        BackupManifest restored = EncounterStore.restore(directories().store(), StoreFixtures.keys(root), backup.file(),
                CancellationToken.none(), ProgressListener.NONE);
        assertThat(restored.sha256()).isEqualTo(backup.manifest().sha256());
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("K-1")).isPresent();
            assertThat(store.patients().findPatientByRecordNumber("K-2")).isEmpty();
            assertThat(store.auditTrail().newest(1).get(0).action()).isEqualTo("RESTORED");
            assertThat(store.verify(CancellationToken.none(), ProgressListener.NONE).ok()).isTrue();
        }
        try (Stream<Path> data = Files.list(directories().database())) {
            assertThat(data.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("replaced-"));
        }
    }

    @Test
    void refusesABackupThatDoesNotMatchItsManifest() throws Exception {
        BackupInfo backup;
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.patients().createPatient(new NewPatient("Live Patient", "L-1", null, null), Actor.system());
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
        }
        try (RandomAccessFile file = new RandomAccessFile(backup.file().toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0x5a);
        }
        assertThatThrownBy(() -> EncounterStore.restore(directories().store(), StoreFixtures.keys(root), backup.file(),
                CancellationToken.none(), ProgressListener.NONE))
                .isInstanceOf(MedScribeException.class)
                .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.backupMismatch");
        assertThat(directories().database().resolve(StoreLayout.DATABASE_NAME + ".restoring")).doesNotExist();
        Files.delete(backup.manifestFile());
        assertThatThrownBy(() -> EncounterStore.restore(directories().store(), StoreFixtures.keys(root), backup.file(),
                CancellationToken.none(), ProgressListener.NONE))
                .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.manifestMissing");
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("L-1")).isPresent();
        }
    }

    @Test
    void refusesToBackUpADatabaseThatFailsVerification() throws Exception {
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.patients().createPatient(new NewPatient("P", null, null, null), Actor.system());
            try (Connection raw = StoreFixtures.raw(store.layout().databaseFile())) {
                raw.createStatement().execute("DROP TRIGGER audit_log_no_update");
                raw.createStatement().execute("UPDATE audit_log SET actor_kind = 'CLINICIAN' WHERE seq = 1");
            }
            assertThatThrownBy(() -> store.backup(null, CancellationToken.none(), ProgressListener.NONE))
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.backupRefused");
            assertThat(store.backups()).isEmpty();
        }
    }

    @Test
    void makesOneDailyBackupPerDayAndKeepsTheNewest() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));
        StoreOptions options = StoreFixtures.testOptions().withClock(clock).withDailyBackups(false, 2);
        try (EncounterStore store = StoreFixtures.open(root, options)) {
            assertThat(store.backupIfDue(CancellationToken.none())).isPresent();
            assertThat(store.backupIfDue(CancellationToken.none())).isEmpty();
            for (int day = 1; day <= 3; day++) {
                clock.advance(Duration.ofHours(25));
                store.patients().createPatient(new NewPatient("Day " + day, null, null, null), Actor.system());
                assertThat(store.backupIfDue(CancellationToken.none())).isPresent();
            }
            assertThat(store.backups()).hasSize(2);
            assertThat(store.backups().get(0).manifest().rowCounts()).containsEntry("patients", 3L);
        }
    }

    @Test
    void dailyBackupsOfAStoreThatStartedAgainEmptyNeverRotateTheLastGoodBackupOut() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));
        StoreOptions options = StoreFixtures.testOptions().withClock(clock).withDailyBackups(false, 2);
        BackupInfo good;
        try (EncounterStore store = StoreFixtures.open(root, options)) {
            store.patients().createPatient(new NewPatient("Real Patient", "R-1", null, null), Actor.system());
            good = store.backupIfDue(CancellationToken.none()).orElseThrow();
        }
        // The database is lost (no replaced folder to notice it by) and a new, empty store starts.
        StoreLayout layout = directories().store();
        for (Path file : java.util.List.of(layout.databaseFile(), layout.walFile(), layout.sharedMemoryFile())) {
            Files.deleteIfExists(file);
        }
        try (EncounterStore store = StoreFixtures.open(root, options)) {
            for (int day = 1; day <= 4; day++) {
                clock.advance(Duration.ofHours(25));
                assertThat(store.backupIfDue(CancellationToken.none())).isPresent();
            }
            assertThat(store.backups()).extracting(BackupInfo::file).contains(good.file());
            assertThat(store.backups()).hasSize(3);
        }
    }

    @Test
    void aTruncatedBackupIsReportedAsTheBackupsDamageNotTheDatabases() throws Exception {
        BackupInfo backup = liveStoreWithBackup();
        try (RandomAccessFile file = new RandomAccessFile(backup.file().toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        MedScribeException truncated = restoreFailure(backup.file());
        assertThat(truncated.messageKey()).isEqualTo("storage.error.backupTruncated");
        assertThat(truncated.arguments()[0]).isEqualTo(backup.file().getFileName().toString());
    }

    @Test
    void aBackupSqliteCannotReadIsReportedAsADamagedBackup() throws Exception {
        BackupInfo backup = liveStoreWithBackup();
        try (RandomAccessFile file = new RandomAccessFile(backup.file().toFile(), "rw")) {
            file.write(new byte[100]);
        }
        assertThat(restoreFailure(backup.file()).messageKey()).isEqualTo("storage.error.backupDamaged");
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("B-1")).isPresent();
        }
    }

    @Test
    void restoringAFolderSaysItIsAFolder() throws Exception {
        liveStoreWithBackup();
        MedScribeException failure = restoreFailure(directories().store().backupDirectory());
        assertThat(failure.messageKey()).isEqualTo("storage.error.backupNotAFile");
        assertThat(failure.isBadInput()).isTrue();
    }

    @Test
    void aBackupInterruptedBeforeItsManifestIsRemovedByTheNextBackup() throws Exception {
        BackupInfo interrupted = liveStoreWithBackup();
        Files.delete(interrupted.manifestFile());
        Path mine = Files.writeString(interrupted.file().resolveSibling("my-own-notes.db"), "not ours");
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.backup(null, CancellationToken.none(), ProgressListener.NONE);
        }
        assertThat(interrupted.file()).doesNotExist();
        assertThat(mine).exists();
    }

    @Test
    void aMissingKeyFileIsNamed() throws Exception {
        BackupInfo backup = liveStoreWithBackup();
        Path keyFile = directories().store().keyFile();
        Files.delete(keyFile);
        MedScribeException failure = restoreFailure(backup.file());
        assertThat(failure.messageKey()).isEqualTo("storage.error.keyMissing");
        assertThat(failure.arguments()).containsExactly(keyFile.toString());
    }

    @Test
    void anEmptyDatabaseFileBesideBackupsIsDamagedNotANewStore() throws Exception {
        liveStoreWithBackup();
        Files.write(directories().store().databaseFile(), new byte[0]);
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.status().health()).isEqualTo(StoreStatus.Health.DAMAGED_READ_ONLY);
            assertThat(store.status().problemKey()).isEqualTo("storage.error.emptyDatabase");
            assertThat(store.status().restoreOffer()).hasSize(1);
        }
        assertThat(Files.size(directories().store().databaseFile())).isZero();
        assertThatThrownBy(() -> EncounterStore.verifyDatabase(directories().store(), StoreFixtures.keys(root),
                CancellationToken.none(), ProgressListener.NONE))
                .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.emptyDatabase");
    }

    private BackupInfo liveStoreWithBackup() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.patients().createPatient(new NewPatient("Backed Up", "B-1", null, null), Actor.system());
            return store.backup(null, CancellationToken.none(), ProgressListener.NONE);
        }
    }

    private MedScribeException restoreFailure(Path backup) {
        try {
            EncounterStore.restore(directories().store(), StoreFixtures.keys(root), backup, CancellationToken.none(),
                    ProgressListener.NONE);
        } catch (MedScribeException e) {
            return e;
        }
        throw new AssertionError("the restore went through");
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
