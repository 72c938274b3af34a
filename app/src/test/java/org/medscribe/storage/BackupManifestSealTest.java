package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.backup.BackupManifest;
import org.medscribe.storage.backup.Backups;

/**
 * A backup edited behind the app's back, with its manifest's SHA-256 and size recomputed, is refused:
 * the manifest is sealed with a key derived from the data key. Manifests from before sealing are
 * refused unless the user asks for them.
 */
class BackupManifestSealTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private BackupInfo backup;

    private StoreLayout layout() {
        return new AppDirectories(root).store();
    }

    @BeforeEach
    void storeWithABackup() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.patients().addClinician("Dr Honest", null);
            store.patients().createPatient(new NewPatient("Sealed Patient", "S-1", null, null), Actor.system());
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
            store.patients().createPatient(new NewPatient("Later Patient", "S-2", null, null), Actor.system());
        }
    }

    /** What a curious insider does: edit the copy, then make the manifest's hash and size match again. */
    private void editBackupAndRecomputeItsHash() throws Exception {
        try (Connection raw = StoreFixtures.raw(backup.file())) {
            raw.createStatement().execute("UPDATE clinicians SET display_name = 'Dr Mallory'");
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(backup.manifestFile().toFile());
        manifest.put("sha256", Backups.sha256(backup.file()));
        manifest.put("size_bytes", Files.size(backup.file()));
        JSON.writeValue(backup.manifestFile().toFile(), manifest);
    }

    private MedScribeException restoreFails(boolean acceptUnsealed) {
        try {
            EncounterStore.restore(layout(), StoreFixtures.keys(root), backup.file(), acceptUnsealed,
                    CancellationToken.none(), ProgressListener.NONE);
        } catch (MedScribeException e) {
            return e;
        }
        throw new AssertionError("the restore went through");
    }

    @Test
    void anEditedBackupWithARecomputedHashIsNotRestoredNorListed() throws Exception {
        assertThat(backup.manifest().mac()).hasSize(64);
        assertThat(backup.manifest().format()).isEqualTo(BackupManifest.FORMAT);
        editBackupAndRecomputeItsHash();

        assertThat(restoreFails(false).messageKey()).isEqualTo("storage.error.manifestForged");
        assertThat(restoreFails(true).messageKey()).isEqualTo("storage.error.manifestForged");
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("S-2")).as("database untouched").isPresent();
            assertThat(store.patients().clinicians()).extracting(Clinician::displayName).containsExactly("Dr Honest");
            assertThat(store.backups()).isEmpty();
        }
        assertThat(EncounterStore.backupsWithForgedManifests(layout(), StoreFixtures.keys(root)))
                .containsExactly(backup.file());
    }

    @Test
    void aSealCopiedFromAnotherBackupDoesNotFit() throws Exception {
        BackupInfo second;
        try (EncounterStore store = StoreFixtures.open(root)) {
            second = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(backup.manifestFile().toFile());
        manifest.put("mac", second.manifest().mac());
        JSON.writeValue(backup.manifestFile().toFile(), manifest);
        assertThat(restoreFails(false).messageKey()).isEqualTo("storage.error.manifestForged");
    }

    @Test
    void aManifestFromBeforeSealingIsRestoredOnlyWhenAskedFor() throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(backup.manifestFile().toFile());
        manifest.remove("mac");
        manifest.put("format", BackupManifest.FORMAT_UNSEALED);
        JSON.writeValue(backup.manifestFile().toFile(), manifest);

        assertThat(restoreFails(false).messageKey()).isEqualTo("storage.error.manifestUnsealed");
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.backups()).extracting(BackupInfo::file).containsExactly(backup.file());
        }
        EncounterStore.restore(layout(), StoreFixtures.keys(root), backup.file(), true, CancellationToken.none(),
                ProgressListener.NONE);
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("S-2")).isEmpty();
            assertThat(store.patients().findPatientByRecordNumber("S-1")).isPresent();
        }
    }

    @Test
    void aSealedManifestStrippedOfItsSealIsForged() throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(backup.manifestFile().toFile());
        manifest.remove("mac");
        JSON.writeValue(backup.manifestFile().toFile(), manifest);
        assertThat(restoreFails(true).messageKey()).isEqualTo("storage.error.manifestForged");
    }
}
