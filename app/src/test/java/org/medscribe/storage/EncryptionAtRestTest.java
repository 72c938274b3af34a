package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.backup.BackupInfo;

/** Patient text never reaches the disk in clear: not in the database, its WAL, nor a backup. */
class EncryptionAtRestTest {

    private static final String NAME = "Quillfeather Zxqvbnmoor";
    private static final String CHINESE_NAME = "谢婉清霁";
    private static final String MRN = "SENT-998877";
    private static final String NOTE = "sentinel note: patient fell from a kumquat ladder";
    private static final String EDIT = "sentinel edit: ladder-related wrist sprain";

    @TempDir
    Path root;

    @Test
    void sentinelPatientDataIsInNoFileOfTheStore() throws Exception {
        BackupInfo backup;
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            Patient patient = store.patients().createPatient(new NewPatient(NAME, MRN, "1950-01-01", "F"), Actor.system());
            store.patients().createPatient(new NewPatient(CHINESE_NAME, null, null, null), Actor.system());
            EncounterSummary encounter = store.encounters().createEncounter(patient.id(),
                    new NewEncounter(null, "kumquat ladder fall", doctor.id()), Actor.system());
            store.sources().addSource(encounter.id(), NewSource.note(NOTE), Actor.system());
            store.drafts().saveGeneratedDraft(encounter.id(), StoreFixtures.generated(StoreFixtures.DRAFT.replace(
                    "Cough for three days.", NOTE)));
            store.drafts().autosave(encounter.id(), new DraftEdit("{\"sections\":[{\"id\":\"a\",\"text\":\"" + EDIT + "\"}]}",
                    Map.of("a", SectionOrigin.HUMAN)));
            store.drafts().flushAutosaves();
            store.signedRecords().sign(encounter.id(), doctor.id());

            // While the store is open the recent pages are in the WAL: check it before any checkpoint.
            Path wal = store.layout().walFile();
            assertThat(wal).exists();
            assertThat(Files.size(wal)).isPositive();
            assertThat(filesContaining(root)).isEmpty();

            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
            assertThat(store.patients().findPatientByRecordNumber(MRN)).get().extracting(Patient::name).isEqualTo(NAME);
            assertThat(store.patients().searchPatients("quillfeather", 5)).hasSize(1);
        }
        assertThat(backup.file()).exists();
        assertThat(filesContaining(root)).isEmpty();
    }

    @Test
    void theSearchFindsPlainTextWhereItIsStored() throws Exception {
        // Control: the same grep does find a sentinel that SQLite stored in clear.
        Path db = root.resolve("control.db");
        try (Connection c = StoreFixtures.raw(db)) {
            c.createStatement().execute("CREATE TABLE t (v TEXT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                insert.setString(1, CHINESE_NAME + " " + NOTE);
                insert.executeUpdate();
            }
        }
        assertThat(filesContaining(root)).containsExactly(db);
    }

    @Test
    void aCiphertextMovedToAnotherRowNoLongerDecrypts() throws Exception {
        String first;
        try (EncounterStore store = StoreFixtures.open(root)) {
            first = store.patients().createPatient(new NewPatient("Alpha Patient", null, null, null), Actor.system()).id();
            store.patients().createPatient(new NewPatient("Beta Patient", null, null, null), Actor.system());
        }
        try (Connection c = StoreFixtures.raw(new org.medscribe.settings.AppDirectories(root).store()
                .databaseFile())) {
            c.createStatement().executeUpdate(
                    "UPDATE patients SET name = (SELECT name FROM patients WHERE id <> '" + first + "') WHERE id = '"
                            + first + "'");
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.patients().patient(first))
                    .isInstanceOf(org.medscribe.common.MedScribeException.class)
                    .extracting(e -> ((org.medscribe.common.MedScribeException) e).messageKey())
                    .isEqualTo("storage.error.tampered");
        } catch (org.medscribe.common.MedScribeException atOpen) {
            // The search index decrypts every name at open: the swap is caught there already.
            assertThat(atOpen.messageKey()).isEqualTo("storage.error.tampered");
        }
    }

    private static List<Path> filesContaining(Path root) throws IOException {
        List<byte[]> needles = new ArrayList<>();
        for (String sentinel : List.of(NAME, "Quillfeather", CHINESE_NAME, MRN, "kumquat", EDIT)) {
            needles.add(sentinel.getBytes(StandardCharsets.UTF_8));
        }
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (byte[] needle : needles) {
                    if (indexOf(bytes, needle) >= 0) {
                        hits.add(file);
                        break;
                    }
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
