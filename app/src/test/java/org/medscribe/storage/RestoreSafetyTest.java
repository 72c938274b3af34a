package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.backup.BackupInfo;

/**
 * Restore never leaves the data folder without a database: a crash at each step of a restore (a
 * thrown error standing in for the kill, which {@link StorageCrashTest} does for real) leaves the old
 * database or the restored one once the store opens again, and a database lost the way restore used
 * to lose it is refused, not replaced by a new empty store.
 */
class RestoreSafetyTest {

    /** Stands in for SIGKILL at a step: nothing of the restore runs after it. */
    static final class Killed extends RuntimeException {
        Killed(String step) {
            super("killed at " + step);
        }
    }

    @TempDir
    Path root;
    private BackupInfo backup;
    private StoreLayout layout;

    @BeforeEach
    void storeWithABackupAndLaterWork() {
        layout = new AppDirectories(root).store();
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.patients().createPatient(new NewPatient("Kept Patient", "K-1", null, null), Actor.system());
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
            store.patients().createPatient(new NewPatient("Later Patient", "K-2", null, null), Actor.system());
        }
    }

    private void restoreKilledAt(String step) {
        assertThatThrownBy(() -> EncounterStore.restore(layout, StoreFixtures.keys(root), backup.file(), false,
                CancellationToken.none(), ProgressListener.NONE, reached -> {
                    if (reached.equals(step)) {
                        throw new Killed(step);
                    }
                })).isInstanceOf(Killed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staged", "journaled", "aside medscribe.db", "swapped"})
    void aKillAtAnyStepLeavesTheOldOrTheRestoredDatabase(String step) throws Exception {
        restoreKilledAt(step);
        boolean restored = !step.equals("staged");
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.status().health()).isEqualTo(StoreStatus.Health.OK);
            assertThat(store.patients().findPatientByRecordNumber("K-1")).isPresent();
            assertThat(store.patients().findPatientByRecordNumber("K-2").isPresent()).isEqualTo(!restored);
            if (restored) {
                assertThat(store.auditTrail().newest(1).get(0).action()).isEqualTo("RESTORED");
            }
            assertThat(store.verify(CancellationToken.none(), ProgressListener.NONE).ok()).isTrue();
        }
        try (Stream<Path> data = Files.list(layout.databaseDirectory())) {
            assertThat(data.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".restoring") || n.equals("restore.journal"));
        }
        if (restored) {
            // The replaced database is kept whole, not lost.
            try (Stream<Path> data = Files.list(layout.databaseDirectory())) {
                Path aside = data.filter(p -> p.getFileName().toString().startsWith("replaced-")).findFirst().orElseThrow();
                assertThat(StoreFixtures.count(aside.resolve(StoreLayout.DATABASE_NAME), "patients")).isEqualTo(2);
            }
        }
    }

    @Test
    void aRestoreKilledMidSwapIsFinishedByTheNextRestoreToo() {
        restoreKilledAt("aside medscribe.db");
        assertThat(layout.databaseFile()).doesNotExist();
        restoreFine();
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("K-2")).isEmpty();
        }
    }

    @Test
    void aStagedCopyThatIsNotTheJournalledOneIsUndoneAndTheOldDatabasePutBack() throws Exception {
        restoreKilledAt("aside medscribe.db");
        Path staged = layout.databaseDirectory().resolve(StoreLayout.DATABASE_NAME + ".restoring");
        Files.write(staged, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.status().health()).isEqualTo(StoreStatus.Health.OK);
            assertThat(store.patients().findPatientByRecordNumber("K-2")).as("the old database is back").isPresent();
        }
        assertThat(staged).doesNotExist();
    }

    @Test
    void startRefusesADatabaseLostBesideAReplacedOneInsteadOfCreatingAnEmptyStore() throws Exception {
        // What the old restore left when killed between moving the database aside and copying the backup in.
        Path aside = Files.createDirectories(layout.databaseDirectory().resolve("replaced-20260101-000000-000"));
        Files.move(layout.databaseFile(), aside.resolve(StoreLayout.DATABASE_NAME));
        assertThatThrownBy(() -> StoreFixtures.open(root))
                .isInstanceOf(MedScribeException.class)
                .satisfies(e -> {
                    MedScribeException failure = (MedScribeException) e;
                    assertThat(failure.messageKey()).isEqualTo("storage.error.databaseLost");
                    assertThat(failure.arguments()).contains(aside.toString());
                });
        assertThat(layout.databaseFile()).doesNotExist();
        assertThatThrownBy(() -> EncounterStore.verifyDatabase(layout, StoreFixtures.keys(root), CancellationToken.none(),
                ProgressListener.NONE))
                .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.databaseLost");
        // Restoring is the way out.
        restoreFine();
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("K-1")).isPresent();
        }
    }

    @Test
    void aCopyLeftByARestoreKilledBeforeItsJournalIsDiscarded() throws Exception {
        Path staged = layout.databaseDirectory().resolve(StoreLayout.DATABASE_NAME + ".restoring");
        Files.copy(backup.file(), staged);
        Files.writeString(layout.databaseDirectory().resolve(StoreLayout.DATABASE_NAME + ".restoring-journal"), "x");
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("K-2")).isPresent();
        }
        assertThat(staged).doesNotExist();
    }

    private void restoreFine() {
        assertThat(EncounterStore.restore(layout, StoreFixtures.keys(root), backup.file(), CancellationToken.none(),
                ProgressListener.NONE).sha256()).isEqualTo(backup.manifest().sha256());
    }
}
