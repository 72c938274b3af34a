package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.MedScribeException;

/**
 * A full disk: the save fails visibly, the edit stays in memory, the database stays valid, and saving
 * works again once there is room. On a real 3 MB tmpfs when the tests run as root (CI does); the
 * page-limit variant runs everywhere, beside it.
 */
class DiskFullTest {

    @TempDir
    Path temp;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void onARealFullFileSystem() throws Exception {
        Path root = temp.resolve("tmpfs");
        Files.createDirectories(root);
        boolean mountedOk = tryMount(root);
        org.junit.jupiter.api.Assumptions.assumeTrue(mountedOk, "needs root to mount a tmpfs; the page-limit variant ran");
        mounted = root;
        try (EncounterStore store = StoreFixtures.open(root)) {
            String encounterId = prepare(store);
            Path filler = root.resolve("filler");
            long free = Files.getFileStore(root).getUsableSpace();
            Files.write(filler, new byte[(int) Math.max(0, free - 32 * 1024)]);
            String edit = assertFull(store, encounterId);
            Files.delete(filler);
            assertRecovered(store, encounterId, edit);
        }
    }

    @Test
    void whenTheDatabaseMayNotGrow() throws Exception {
        Path root = temp.resolve("limited");
        String encounterId;
        try (EncounterStore store = StoreFixtures.open(root)) {
            encounterId = prepare(store);
        }
        long pages = Files.size(new org.medscribe.settings.AppDirectories(root).store().databaseFile()) / 4096;
        String edit;
        try (EncounterStore store = StoreFixtures.open(root, StoreFixtures.testOptions()
                .withMaxPageCount((int) pages + 4))) {
            edit = assertFull(store, encounterId);
        }
        // The limit is lifted by opening without it; the editor still holds the text and saves it again.
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.drafts().autosave(encounterId, new DraftEdit(edit, Map.of("plan", SectionOrigin.HUMAN)));
            assertRecovered(store, encounterId, edit);
        }
    }

    private static String prepare(EncounterStore store) {
        Clinician doctor = store.patients().addClinician("Dr Lee", null);
        return StoreFixtures.patientWithEncounter(store, "Ann Lee", "D-1", "note", doctor)[1];
    }

    private static String assertFull(EncounterStore store, String encounterId) throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        store.drafts().addAutosaveListener(new AutosaveListener() {
            @Override
            public void saved(String id, long revision, Instant at) {
            }

            @Override
            public void failed(String id, long revision, MedScribeException failure) {
                failures.add(failure.messageKey());
            }
        });
        String edit = bigEdit(1);
        store.drafts().autosave(encounterId, new DraftEdit(edit, Map.of("plan", SectionOrigin.HUMAN)));
        assertThatThrownBy(store.drafts()::flushAutosaves).isInstanceOf(MedScribeException.class)
                .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.diskFull");
        assertThat(failures).contains("storage.error.diskFull");
        assertThat(store.drafts().unsavedEdit(encounterId)).get().extracting(DraftEdit::contentJson).isEqualTo(edit);
        assertThatThrownBy(() -> store.signedRecords().sign(encounterId, store.patients().clinicians().get(0).id()))
                .isInstanceOf(MedScribeException.class);
        assertThat(StoreFixtures.integrityCheck(store.layout().databaseFile())).containsExactly("ok");
        assertThat(store.signedRecords().signedRecords(encounterId)).isEmpty();
        assertThat(store.drafts().workingDraft(encounterId)).isEmpty();
        return edit;
    }

    private static void assertRecovered(EncounterStore store, String encounterId, String edit) throws Exception {
        store.drafts().flushAutosaves();
        assertThat(store.drafts().unsavedEdit(encounterId)).isEmpty();
        assertThat(store.drafts().workingDraft(encounterId).orElseThrow().contentJson()).isEqualTo(edit);
        assertThat(StoreFixtures.integrityCheck(store.layout().databaseFile())).containsExactly("ok");
        assertThat(store.verify(org.medscribe.common.CancellationToken.none(),
                org.medscribe.common.ProgressListener.NONE).ok()).isTrue();
    }

    /** About 600 KB of JSON that does not compress away. */
    private static String bigEdit(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("{\"sections\":[{\"id\":\"plan\",\"text\":\"");
        for (int i = 0; i < 600_000; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.append("\"}]}").toString();
    }

    private static boolean tryMount(Path dir) {
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            mount.getInputStream().readAllBytes();
            return mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
