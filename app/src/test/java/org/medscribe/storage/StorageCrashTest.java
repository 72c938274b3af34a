package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.process.ChildJvm;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.backup.Backups;
import org.medscribe.storage.db.Schema;

/**
 * SIGKILL at random moments while a child JVM autosaves, signs, backs up, migrates and restores with
 * daily backup rotation (five loops at once, each on its own store, so every kill is one round of
 * each scenario). After every kill: integrity_check ok, every acknowledged save present, audit chain
 * valid, every complete-looking backup verifies, every migration either not started, whole, or
 * resumable, and the restored store opens as the backup last acknowledged or the one being restored
 * (never missing, never a new empty store) with a backup holding its records still in its folder.
 *
 * <p>Rounds: {@code -Dmedscribe.crash.rounds} (default 100, as the issue asks); one round costs a JVM
 * start plus 0.2–0.9 s of work before the kill.
 */
class StorageCrashTest {

    private static final int ROUNDS = Integer.getInteger("medscribe.crash.rounds", 100);
    private static final int RESTORE_PATIENTS = 30;
    private static final String RESTORE_PREFIX = "Restore Patient ";

    @TempDir
    Path work;

    private final java.util.Set<String> verifiedBackups = new java.util.HashSet<>();

    @Test
    void everyAcknowledgedSaveSurvivesSigkill() throws Exception {
        String autosaveEncounter;
        try (EncounterStore store = StoreFixtures.open(work.resolve("autosave"))) {
            Clinician doctor = store.patients().addClinician("Dr Drill", null);
            autosaveEncounter = StoreFixtures.patientWithEncounter(store, "Typing Patient", null, "note", doctor)[1];
        }
        Files.writeString(work.resolve("autosave-encounter"), autosaveEncounter);
        try (EncounterStore store = StoreFixtures.open(work.resolve("sign"))) {
            store.patients().addClinician("Dr Drill", null);
        }
        try (EncounterStore store = StoreFixtures.open(work.resolve("backup"))) {
            Clinician doctor = store.patients().addClinician("Dr Drill", null);
            for (int i = 0; i < 30; i++) {
                StoreFixtures.patientWithEncounter(store, "Backup Patient " + i, null, "note " + "x".repeat(3000), doctor);
            }
        }
        OldSchemas.build(work.resolve("migrate-template"), 1, 60);
        List<String> restoreBackups = new ArrayList<>();
        try (EncounterStore store = StoreFixtures.open(work.resolve("restore"))) {
            Clinician doctor = store.patients().addClinician("Dr Drill", null);
            for (int i = 0; i < RESTORE_PATIENTS; i++) {
                StoreFixtures.patientWithEncounter(store, RESTORE_PREFIX + i, null, "note " + "r".repeat(2_000), doctor);
            }
            restoreBackups.add(store.backup(work.resolve("restore-sources"), CancellationToken.none(),
                    ProgressListener.NONE).file().toString());
            StoreFixtures.patientWithEncounter(store, RESTORE_PREFIX + RESTORE_PATIENTS, null, "note", doctor);
            restoreBackups.add(store.backup(work.resolve("restore-sources"), CancellationToken.none(),
                    ProgressListener.NONE).file().toString());
        }
        Files.write(work.resolve("restore-backups"), restoreBackups);

        Random random = new Random(Long.getLong("medscribe.crash.seed", System.nanoTime()));
        List<String> acknowledgedSigns = new ArrayList<>();
        long lastAutosaveRevision = 0;
        int lastAutosaveSequence = -1;
        int[] interrupted = new int[5];
        int[] acks = new int[5];
        long started = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> lines = runAndKill(round, random);
            long roundMaxRevision = lastAutosaveRevision;
            // The child numbers its edits from 0 each run: compare content only with this run's acks.
            lastAutosaveSequence = -1;
            String lastSignLine = null;
            String lastBackupLine = null;
            String lastMigrateLine = null;
            String lastRestoreLine = null;
            for (String line : lines) {
                String[] parts = line.split(" ");
                if (line.startsWith("ACK autosave")) {
                    acks[0]++;
                    long revision = Long.parseLong(parts[2]);
                    if (revision > roundMaxRevision) {
                        roundMaxRevision = revision;
                        lastAutosaveSequence = "null".equals(parts[3]) ? lastAutosaveSequence : Integer.parseInt(parts[3]);
                    }
                } else if (line.startsWith("ACK sign")) {
                    acks[1]++;
                    acknowledgedSigns.add(parts[2] + " " + parts[3]);
                } else if (line.startsWith("ACK backup")) {
                    acks[2]++;
                } else if (line.startsWith("ACK migrate")) {
                    acks[3]++;
                    assertThat(Integer.parseInt(parts[3])).isEqualTo(Schema.LATEST);
                } else if (line.startsWith("ACK restore")) {
                    acks[4]++;
                }
                if (line.startsWith("BEGIN sign") || line.startsWith("BEGIN amend") || line.startsWith("ACK sign")) {
                    lastSignLine = line;
                } else if (line.contains(" backup")) {
                    lastBackupLine = line;
                } else if (line.contains(" migrate")) {
                    lastMigrateLine = line;
                } else if (line.contains(" restore")) {
                    lastRestoreLine = line;
                }
            }
            interrupted[1] += lastSignLine != null && lastSignLine.startsWith("BEGIN") ? 1 : 0;
            interrupted[2] += lastBackupLine != null && lastBackupLine.startsWith("BEGIN") ? 1 : 0;
            interrupted[3] += lastMigrateLine != null && lastMigrateLine.startsWith("BEGIN") ? 1 : 0;
            interrupted[4] += lastRestoreLine != null && lastRestoreLine.startsWith("BEGIN") ? 1 : 0;
            lastAutosaveRevision = roundMaxRevision;

            checkAutosave(autosaveEncounter, lastAutosaveRevision, lastAutosaveSequence);
            checkSigned(acknowledgedSigns);
            checkBackups();
            checkMigrations();
            checkRestore(lastRestoreLine);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("storage crash drill: %d rounds in %.1f s; acknowledgements autosave=%d sign=%d backup=%d "
                        + "migrate=%d restore=%d; kills during a sign/amend=%d, a backup=%d, a migration=%d, "
                        + "a restore=%d; failures=0%n",
                ROUNDS, seconds, acks[0], acks[1], acks[2], acks[3], acks[4], interrupted[1], interrupted[2],
                interrupted[3], interrupted[4]);
        assertThat(acks[0]).isPositive();
        assertThat(acks[1]).isPositive();
        assertThat(acks[2]).isPositive();
        assertThat(acks[3]).isPositive();
        assertThat(acks[4]).isPositive();
    }

    private List<String> runAndKill(int round, Random random) throws Exception {
        Process child = ChildJvm.of(StoreCrashDrill.class).maxHeap("256m")
                .jvmOption("-XX:TieredStopAtLevel=1")
                .argument(work.toString()).argument("r" + round).start();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder errors = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else {
                        arrivals.add(System.nanoTime());
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException closed) {
                // The child was killed.
            }
        });
        Thread errorReader = new Thread(() -> {
            try {
                errors.append(new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException closed) {
                // The child was killed.
            }
        });
        reader.start();
        errorReader.start();
        boolean isReady = ready.await(60, TimeUnit.SECONDS);
        assertThat(isReady).as("child ready; stderr: %s", errors).isTrue();
        if (round % 10 == 9) {
            // Every tenth round lets each scenario acknowledge at least once before the kill, so the
            // acknowledged-save checks run however slow the machine is.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!allScenariosAcknowledged(lines) && System.nanoTime() < deadline) {
                assertThat(child.waitFor(50, TimeUnit.MILLISECONDS)).as("stderr: %s", errors).isFalse();
            }
        }
        if (round % 4 == 2) {
            aimAtARestore(child, lines, arrivals, random, errors);
        }
        // The random moment: wait for the child to exit (it never does on its own) up to a random time.
        boolean exited = child.waitFor(round % 4 == 2 ? 0 : 200 + random.nextInt(700), TimeUnit.MILLISECONDS);
        assertThat(exited).as("the drill never stops by itself; stderr: %s", errors).isFalse();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join();
        errorReader.join();
        assertThat(lines).as("stderr: %s", errors).noneMatch(l -> l.startsWith("FAILED"));
        return new ArrayList<>(lines);
    }

    /**
     * Every fourth round kills inside a restore: after one whole restore (its length as seen from
     * here), at a random point of the next one, so the swap is hit as often as the verification.
     */
    private static void aimAtARestore(Process child, ConcurrentLinkedQueue<String> lines,
                                      ConcurrentLinkedQueue<Long> arrivals, Random random, StringBuilder errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (lines.stream().noneMatch(l -> l.startsWith("ACK restore")) && System.nanoTime() < deadline) {
            assertThat(child.waitFor(20, TimeUnit.MILLISECONDS)).as("stderr: %s", errors).isFalse();
        }
        List<String> seen = new ArrayList<>(lines);
        List<Long> at = new ArrayList<>(arrivals);
        long begun = -1;
        long took = 0;
        for (int i = 0; i < Math.min(seen.size(), at.size()); i++) {
            if (seen.get(i).startsWith("BEGIN restore")) {
                begun = at.get(i);
            } else if (seen.get(i).startsWith("ACK restore") && begun >= 0) {
                took = TimeUnit.NANOSECONDS.toMillis(at.get(i) - begun);
            }
        }
        long restoresBegun = seen.stream().filter(l -> l.startsWith("BEGIN restore")).count();
        while (lines.stream().filter(l -> l.startsWith("BEGIN restore")).count() <= restoresBegun
                && System.nanoTime() < deadline) {
            assertThat(child.waitFor(5, TimeUnit.MILLISECONDS)).as("stderr: %s", errors).isFalse();
        }
        assertThat(child.waitFor(random.nextInt((int) Math.max(1, took)), TimeUnit.MILLISECONDS))
                .as("stderr: %s", errors).isFalse();
    }

    private static boolean allScenariosAcknowledged(ConcurrentLinkedQueue<String> lines) {
        return Stream.of("ACK autosave", "ACK sign", "ACK backup", "ACK migrate", "ACK restore")
                .allMatch(kind -> lines.stream().anyMatch(line -> line.startsWith(kind)));
    }

    private void checkAutosave(String encounterId, long acknowledgedRevision, int acknowledgedSequence) {
        try (EncounterStore store = StoreFixtures.open(work.resolve("autosave"))) {
            assertThat(store.status().health()).isEqualTo(StoreStatus.Health.OK);
            if (acknowledgedRevision > 0) {
                WorkingDraft working = store.drafts().workingDraft(encounterId).orElseThrow();
                assertThat(working.revision()).isGreaterThanOrEqualTo(acknowledgedRevision);
                int saved = Integer.parseInt(working.contentJson().replaceAll("^\\{\"i\":(\\d+),.*$", "$1"));
                assertThat(saved).isGreaterThanOrEqualTo(acknowledgedSequence);
            }
            assertThat(store.verify(CancellationToken.none(), ProgressListener.NONE).ok()).isTrue();
        }
    }

    private void checkSigned(List<String> acknowledged) {
        try (EncounterStore store = StoreFixtures.open(work.resolve("sign"))) {
            VerificationReport report = store.verify(CancellationToken.none(), ProgressListener.NONE);
            assertThat(report.ok()).as("%s", report).isTrue();
            for (String ack : acknowledged) {
                String[] parts = ack.split(" ");
                assertThat(store.signedRecords().signedRecords(parts[0])).extracting(SignedRecord::contentSha256).contains(parts[1]);
            }
        }
    }

    private void checkBackups() throws Exception {
        Path directory = work.resolve("backups");
        try (EncounterStore store = StoreFixtures.open(work.resolve("backup"))) {
            assertThat(store.verify(CancellationToken.none(), ProgressListener.NONE).ok()).isTrue();
            for (BackupInfo backup : Backups.list(directory)) {
                // A finished backup never changes: verify each once, not again every round.
                if (verifiedBackups.add(backup.file().getFileName().toString())) {
                    Backups.verifyBackup(backup.file(), (c, t) -> store.verifier().verify(c, t, ProgressListener.NONE),
                            CancellationToken.none());
                }
            }
        }
    }

    /**
     * The restored store opens whole: the backup of the last line (acknowledged or interrupted) or, if
     * interrupted, the one before (the two differ by one patient), never missing or empty; no staging
     * copy or journal is left; the rotated daily backups verify and one of them holds the records.
     */
    private void checkRestore(String lastRestoreLine) throws Exception {
        Path root = work.resolve("restore");
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.status().health()).isEqualTo(StoreStatus.Health.OK);
            int patients = store.patients().searchPatients(RESTORE_PREFIX, 1000).size();
            if (lastRestoreLine != null && lastRestoreLine.startsWith("ACK")) {
                int expected = lastRestoreLine.endsWith(restoreBackupName(0)) ? RESTORE_PATIENTS : RESTORE_PATIENTS + 1;
                assertThat(patients).as(lastRestoreLine).isEqualTo(expected);
            } else {
                assertThat(patients).as("%s", lastRestoreLine).isBetween(RESTORE_PATIENTS, RESTORE_PATIENTS + 1);
            }
            assertThat(store.verify(CancellationToken.none(), ProgressListener.NONE).ok()).isTrue();
            List<BackupInfo> rotated = Backups.list(store.layout().backupDirectory());
            for (BackupInfo backup : rotated) {
                if (verifiedBackups.add(backup.file().toString())) {
                    Backups.verifyBackup(backup.file(), (c, t) -> store.verifier().verify(c, t, ProgressListener.NONE),
                            CancellationToken.none());
                }
            }
            if (!rotated.isEmpty()) {
                assertThat(rotated).anyMatch(b -> b.manifest().holdsRecords());
            }
        }
        try (Stream<Path> data = Files.list(root.resolve("data"))) {
            assertThat(data.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".restoring") || n.equals("restore.journal"));
        }
    }

    private String restoreBackupName(int index) throws Exception {
        return Path.of(Files.readAllLines(work.resolve("restore-backups")).get(index)).getFileName().toString();
    }

    private void checkMigrations() throws Exception {
        Path migrations = work.resolve("migrate");
        if (!Files.isDirectory(migrations)) {
            return;
        }
        List<Path> rounds;
        try (Stream<Path> list = Files.list(migrations)) {
            rounds = list.sorted(Comparator.naturalOrder()).toList();
        }
        for (Path root : rounds) {
            Path file = root.resolve("data").resolve(StoreLayout.DATABASE_NAME);
            if (Files.exists(file) && Files.exists(root.resolve("keys").resolve("store.key"))) {
                assertThat(StoreFixtures.integrityCheck(file)).containsExactly("ok");
                int version;
                try (Connection c = StoreFixtures.raw(file);
                     ResultSet rs = c.createStatement().executeQuery("PRAGMA user_version")) {
                    version = rs.getInt(1);
                }
                assertThat(version).isBetween(1, Schema.LATEST);
                if (version < Schema.LATEST) {
                    // Interrupted: opening again finishes the migration.
                    try (EncounterStore store = StoreFixtures.open(root)) {
                        assertThat(store.status().schemaVersion()).isEqualTo(Schema.LATEST);
                        assertThat(store.patients().searchPatients(OldSchemas.PATIENT_PREFIX, 1000)).hasSize(60);
                        assertThat(store.verify(CancellationToken.none(), ProgressListener.NONE).ok()).isTrue();
                    }
                }
            }
            for (BackupInfo backup : Backups.list(root.resolve("backups"))) {
                assertThat(StoreFixtures.integrityCheck(backup.file())).containsExactly("ok");
                assertThat(Backups.sha256(backup.file())).isEqualTo(backup.manifest().sha256());
            }
            deleteTree(root);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
