package org.medscribe.storage;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.backup.Backups;

/**
 * The child JVM of {@link StorageCrashTest}: autosaves, signs, backs up, migrates and restores (with
 * the daily backup rotation after each restore) in five loops at once (on five separate stores) and
 * prints an acknowledgement after each durable step, until the parent kills it with SIGKILL. Lines:
 * {@code ACK <scenario> <data...>}, {@code BEGIN ...}.
 */
public final class StoreCrashDrill {

    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    private StoreCrashDrill() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String round = args[1];
        StoreOptions fast = StoreFixtures.testOptions().withAutosaveDelay(Duration.ofMillis(5), Duration.ofMillis(20));
        EncounterStore autosave = StoreFixtures.open(work.resolve("autosave"), fast);
        EncounterStore signing = StoreFixtures.open(work.resolve("sign"), fast);
        EncounterStore backup = StoreFixtures.open(work.resolve("backup"), fast);
        AtomicInteger started = new AtomicInteger();
        Thread[] loops = {
            new Thread(() -> autosaveLoop(autosave, work, started), "drill-autosave"),
            new Thread(() -> signLoop(signing, work, started), "drill-sign"),
            new Thread(() -> backupLoop(backup, work, started), "drill-backup"),
            new Thread(() -> migrateLoop(work, round, started), "drill-migrate"),
            new Thread(() -> restoreLoop(work, started), "drill-restore"),
        };
        for (Thread loop : loops) {
            loop.start();
        }
        for (Thread loop : loops) {
            loop.join();
        }
    }

    private static void ready(AtomicInteger started) {
        if (started.incrementAndGet() == 5) {
            OUT.println("READY");
        }
    }

    private static void autosaveLoop(EncounterStore store, Path work, AtomicInteger started) {
        try {
            String encounterId = Files.readString(work.resolve("autosave-encounter")).strip();
            Map<Long, Integer> sequence = new ConcurrentHashMap<>();
            Semaphore saved = new Semaphore(0);
            store.drafts().addAutosaveListener(new AutosaveListener() {
                @Override
                public void saved(String id, long revision, Instant at) {
                    OUT.println("ACK autosave " + revision + " " + sequence.get(revision));
                    saved.release();
                }

                @Override
                public void failed(String id, long revision, MedScribeException failure) {
                    OUT.println("FAILED autosave " + failure.messageKey());
                }
            });
            ready(started);
            for (int i = 0; ; i++) {
                long revision = store.drafts().autosave(encounterId, new DraftEdit(
                        "{\"i\":" + i + ",\"text\":\"" + "typing ".repeat(200) + i + "\"}", Map.of()));
                sequence.put(revision, i);
                // Typing pace: the next keystroke comes when the save is through or after 3 ms.
                saved.tryAcquire(3, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static void signLoop(EncounterStore store, Path work, AtomicInteger started) {
        Clinician doctor = store.patients().clinicians().get(0);
        ready(started);
        for (int i = 0; ; i++) {
            Patient patient = store.patients().createPatient(new NewPatient("Drill " + i, null, null, null), Actor.system());
            EncounterSummary encounter = store.encounters().createEncounter(patient.id(), new NewEncounter(null, "drill", doctor.id()),
                    Actor.system());
            store.drafts().saveGeneratedDraft(encounter.id(), StoreFixtures.generated(StoreFixtures.DRAFT));
            store.drafts().autosave(encounter.id(), new DraftEdit(StoreFixtures.DRAFT.replace("three", "n" + i), Map.of()));
            OUT.println("BEGIN sign " + encounter.id());
            SignedRecord signed = store.signedRecords().sign(encounter.id(), doctor.id());
            OUT.println("ACK sign " + encounter.id() + " " + signed.contentSha256());
            if (i % 3 == 0) {
                store.drafts().autosave(encounter.id(), new DraftEdit(StoreFixtures.DRAFT.replace("three", "a" + i), Map.of()));
                OUT.println("BEGIN amend " + encounter.id());
                SignedRecord amended = store.signedRecords().amend(encounter.id(), doctor.id(), "drill amendment " + i);
                OUT.println("ACK sign " + encounter.id() + " " + amended.contentSha256());
            }
        }
    }

    private static void backupLoop(EncounterStore store, Path work, AtomicInteger started) {
        Path target = work.resolve("backups");
        ready(started);
        for (int i = 0; ; i++) {
            store.patients().createPatient(new NewPatient("Backup drill " + i, null, null, null), Actor.system());
            OUT.println("BEGIN backup");
            BackupInfo info = store.backup(target, CancellationToken.none(), ProgressListener.NONE);
            OUT.println("ACK backup " + info.file().getFileName() + " " + info.manifest().sha256());
            Backups.prune(target, "manual", 3);
        }
    }

    /**
     * Restores the two prepared backups in turn into the store in {@code restore/}, and after each
     * restore makes the daily backup at once (interval zero) keeping two, as the app's timer would.
     */
    private static void restoreLoop(Path work, AtomicInteger started) {
        try {
            Path root = work.resolve("restore");
            List<String> backups = Files.readAllLines(work.resolve("restore-backups"));
            StoreLayout layout = new org.medscribe.settings.AppDirectories(root).store();
            StoreOptions rotation = new StoreOptions(java.time.Clock.systemUTC(), Duration.ofSeconds(1),
                    Duration.ofSeconds(2), false, Duration.ZERO, 2, null);
            ready(started);
            for (int i = 0; ; i++) {
                Path backup = Path.of(backups.get(i % backups.size()));
                OUT.println("BEGIN restore " + backup.getFileName());
                EncounterStore.restore(layout, StoreFixtures.keys(root), backup, CancellationToken.none(),
                        ProgressListener.NONE);
                OUT.println("ACK restore " + backup.getFileName());
                OUT.println("BEGIN rotate");
                try (EncounterStore store = StoreFixtures.open(root, rotation)) {
                    BackupInfo daily = store.backupIfDue(CancellationToken.none()).orElseThrow();
                    OUT.println("ACK rotate " + daily.file().getFileName());
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(3);
        }
    }

    private static void install(Path from, Path to) throws java.io.IOException {
        Path partial = to.resolveSibling(to.getFileName() + ".copying");
        Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void migrateLoop(Path work, String round, AtomicInteger started) {
        try {
            Path template = work.resolve("migrate-template");
            ready(started);
            for (int i = 0; ; i++) {
                Path root = work.resolve("migrate").resolve(round + "-" + i);
                Files.createDirectories(root.resolve("data"));
                Files.createDirectories(root.resolve("keys"));
                // Copied under another name and renamed: a kill mid-copy must not look like a database.
                install(template.resolve("keys/store.key"), root.resolve("keys/store.key"));
                install(template.resolve("data/medscribe.db"), root.resolve("data/medscribe.db"));
                OUT.println("BEGIN migrate " + root.getFileName());
                try (EncounterStore store = StoreFixtures.open(root)) {
                    OUT.println("ACK migrate " + root.getFileName() + " " + store.status().schemaVersion());
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(3);
        }
    }
}
