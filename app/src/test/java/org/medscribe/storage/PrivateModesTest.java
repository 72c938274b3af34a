package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.backup.BackupInfo;

/**
 * The data root, {@code data/}, {@code backups/}, {@code logs/}, {@code engine/} are 0700 and the
 * database, its backups and manifests 0600, whatever the umask. The umask of a running JVM cannot be
 * changed, so the folders are first made world-writable (0777, as umask 000 leaves them) and the files
 * the store writes are checked for exactly 0600 (a umask-made file is 0644 under the usual 022).
 */
class PrivateModesTest {

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> EVERYONE = PosixFilePermissions.fromString("rwxrwxrwx");

    @TempDir
    Path work;
    private AppDirectories directories;

    @BeforeEach
    void worldWritableFolders() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        directories = new AppDirectories(work.resolve("MedScribe"));
        StoreLayout store = directories.store();
        for (Path dir : List.of(directories.root(), store.databaseDirectory(), store.backupDirectory(),
                directories.logs(), directories.engineState())) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, EVERYONE);
        }
        Path log = Files.writeString(directories.logs().resolve("medscribe.log"), "started");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    private static Set<PosixFilePermission> mode(Path path) throws Exception {
        return Files.getPosixFilePermissions(path);
    }

    @Test
    void theAppsFoldersAreTightenedToTheOwner() throws Exception {
        directories.preparePrivate();
        StoreLayout store = directories.store();
        for (Path dir : List.of(directories.root(), store.databaseDirectory(), store.backupDirectory(),
                directories.logs(), directories.engineState(), store.keyFile().getParent())) {
            assertThat(mode(dir)).as("%s", dir).isEqualTo(OWNER_DIRECTORY);
        }
        assertThat(mode(directories.logs().resolve("medscribe.log"))).isEqualTo(OWNER_FILE);
    }

    @Test
    void theDatabaseItsBackupsAndTheirManifestsAreTheOwnersOnly() throws Exception {
        BackupInfo backup;
        try (EncounterStore store = EncounterStore.open(directories.store(), StoreFixtures.keys(directories.root()),
                StoreFixtures.testOptions())) {
            store.patients().createPatient(new NewPatient("Private Patient", null, null, null), Actor.system());
            assertThat(mode(directories.store().databaseFile())).isEqualTo(OWNER_FILE);
            assertThat(mode(directories.store().walFile())).isEqualTo(OWNER_FILE);
            backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
            assertThat(mode(directories.store().backupDirectory())).isEqualTo(OWNER_DIRECTORY);
            assertThat(mode(directories.store().databaseDirectory())).isEqualTo(OWNER_DIRECTORY);
        }
        assertThat(mode(backup.file())).isEqualTo(OWNER_FILE);
        assertThat(mode(backup.manifestFile())).isEqualTo(OWNER_FILE);

        Path elsewhere = work.resolve("usb").resolve("medscribe");
        try (EncounterStore store = EncounterStore.open(directories.store(), StoreFixtures.keys(directories.root()),
                StoreFixtures.testOptions())) {
            BackupInfo copied = store.backup(elsewhere, CancellationToken.none(), ProgressListener.NONE);
            assertThat(mode(elsewhere)).as("a folder the backup creates").isEqualTo(OWNER_DIRECTORY);
            assertThat(mode(copied.file())).isEqualTo(OWNER_FILE);
        }

        EncounterStore.restore(directories.store(), StoreFixtures.keys(directories.root()), backup.file(),
                CancellationToken.none(), ProgressListener.NONE);
        assertThat(mode(directories.store().databaseFile())).isEqualTo(OWNER_FILE);
        try (Stream<Path> data = Files.list(directories.store().databaseDirectory())) {
            for (Path replaced : data.filter(p -> p.getFileName().toString().startsWith("replaced-")).toList()) {
                assertThat(mode(replaced)).isEqualTo(OWNER_DIRECTORY);
            }
        }
    }
}
