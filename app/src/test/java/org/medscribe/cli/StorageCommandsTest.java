package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.Actor;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.NewPatient;
import org.medscribe.storage.StoreOptions;
import org.medscribe.storage.crypto.KeyFileKeySource;

/** {@code backup}, {@code verify}, {@code restore} and {@code bench-store} as a user runs them. */
class StorageCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private CliRun run(String... args) {
        return CliRun.of(root, args);
    }

    private void createStore() {
        AppDirectories directories = new AppDirectories(root);
        try (EncounterStore store = EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()),
                StoreOptions.defaults().withDailyBackups(false, 0))) {
            store.patients().createPatient(new NewPatient("Cli Patient", "CLI-1", null, null), Actor.system());
        }
    }

    @Test
    void backupVerifyRestoreRoundTrip() throws Exception {
        assertThat(run("verify").code()).isEqualTo(MedScribeCommand.FAILED);
        createStore();
        Path target = root.resolve("usb");
        CliRun backup = run("backup", "--to", target.toString());
        assertThat(backup.code()).as(backup.err()).isZero();
        JsonNode manifest = JSON.readTree(backup.out());
        assertThat(manifest.path("sha256").asText()).hasSize(64);
        assertThat(manifest.path("row_counts").path("patients").asLong()).isEqualTo(1);
        Path backupFile = Path.of(manifest.path("file").asText());
        assertThat(backupFile).startsWith(target).exists();

        CliRun verified = run("verify");
        assertThat(verified.code()).as(verified.err()).isZero();
        assertThat(JSON.readTree(verified.out()).path("ok").asBoolean()).isTrue();

        Path database = new AppDirectories(root).store().databaseFile();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            raw.createStatement().execute("DROP TRIGGER audit_log_no_delete");
            raw.createStatement().execute("DELETE FROM audit_log WHERE seq = 2");
        }
        CliRun tampered = run("verify");
        assertThat(tampered.code()).isEqualTo(MedScribeCommand.FAILED);
        assertThat(tampered.err()).contains("Verification found").contains("audit");
        assertThat(JSON.readTree(tampered.out()).path("ok").asBoolean()).isFalse();

        CliRun restored = run("restore", backupFile.toString());
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(run("verify").code()).isZero();

        CliRun missing = run("restore", root.resolve("nope.db").toString());
        assertThat(missing.code()).isEqualTo(MedScribeCommand.BAD_INPUT);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void storageFailuresSayWhatIsWrong() throws Exception {
        createStore();
        CliRun backup = run("backup");
        assertThat(backup.code()).as(backup.err()).isZero();
        Path backupFile = Path.of(JSON.readTree(backup.out()).path("file").asText());
        AppDirectories directories = new AppDirectories(root);

        CliRun folder = run("restore", backupFile.getParent().toString());
        assertThat(folder.code()).isEqualTo(MedScribeCommand.BAD_INPUT);
        assertThat(folder.err()).contains("is a folder").doesNotContain("does not exist");

        // A manifest edited to fit an edited copy is refused, and verify names the backup.
        JsonNode manifest = JSON.readTree(backupFile.resolveSibling(
                backupFile.getFileName().toString().replace(".db", ".manifest.json")).toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest).put("kind", "manual-edited");
        JSON.writeValue(backupFile.resolveSibling(
                backupFile.getFileName().toString().replace(".db", ".manifest.json")).toFile(), manifest);
        CliRun forged = run("restore", backupFile.toString());
        assertThat(forged.code()).isEqualTo(MedScribeCommand.FAILED);
        assertThat(forged.err()).contains("not sealed");
        CliRun verified = run("verify");
        assertThat(verified.code()).isEqualTo(MedScribeCommand.FAILED);
        assertThat(JSON.readTree(verified.out()).path("backups_with_invalid_manifest_seal").get(0).asText())
                .isEqualTo(backupFile.toAbsolutePath().toString());

        Path keyFile = directories.store().keyFile();
        Path keyAside = Files.move(keyFile, root.resolve("store.key.aside"));
        CliRun noKey = run("verify");
        assertThat(noKey.code()).isEqualTo(MedScribeCommand.FAILED);
        assertThat(noKey.err()).contains(keyFile.toString()).doesNotContain("()");
        Files.move(keyAside, keyFile);

        Files.write(directories.store().databaseFile(), new byte[0]);
        CliRun empty = run("verify");
        assertThat(empty.code()).isEqualTo(MedScribeCommand.FAILED);
        assertThat(empty.err()).contains("empty (0 bytes)").doesNotContain("SQLITE");
        CliRun emptyBackup = run("backup");
        assertThat(emptyBackup.code()).isEqualTo(MedScribeCommand.FAILED);
        assertThat(emptyBackup.err()).contains("empty (0 bytes)");
        assertThat(Files.size(directories.store().databaseFile())).isZero();
    }

    @Test
    void benchStorePrintsFigures() throws Exception {
        CliRun bench = run("bench-store", "--encounters", "60", "--api-encounters", "6", "--queries", "9", "--opens", "9",
                "--no-backup");
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode figures = JSON.readTree(bench.out());
        assertThat(figures.path("search_ms").path("n").asInt()).isEqualTo(9);
        assertThat(figures.path("open_encounter_ms").has("p95")).isTrue();
        assertThat(figures.path("bulk_insert_encounters").asInt()).isEqualTo(54);
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("bench-store-"));
        }
        assertThat(run("bench-store", "--encounters", "5").code()).isEqualTo(MedScribeCommand.BAD_INPUT);
    }

    /**
     * Through the real {@code bin/medscribe} script, in a copy of the checkout layout it expects
     * ({@code app/target/medscribe-app.jar} + {@code app/target/lib/}), built from this test's class path.
     */
    @Test
    void verifyThroughTheLauncherScript() throws Exception {
        createStore();
        Path project = Path.of(System.getProperty("medscribe.project.dir", "..")).toAbsolutePath().normalize();
        Path checkout = root.resolve("checkout");
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(project.resolve("bin/medscribe"), checkout.resolve("bin/medscribe"));
        checkout.resolve("bin/medscribe").toFile().setExecutable(true);
        Path lib = Files.createDirectories(checkout.resolve("app/target/lib"));
        List<Path> classDirectories = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                if (!path.toString().contains("test-classes")) {
                    classDirectories.add(path);
                }
            } else if (path.toString().endsWith(".jar") && !path.getFileName().toString().contains("tests")) {
                Files.createSymbolicLink(lib.resolve(path.getFileName()), path);
            }
        }
        jar(classDirectories, checkout.resolve("app/target/medscribe-app.jar"));

        ProcessBuilder builder = new ProcessBuilder(checkout.resolve("bin/medscribe").toString(), "verify");
        builder.environment().put("MEDSCRIBE_DATA_DIR", root.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(false);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(JSON.readTree(out).path("ok").asBoolean()).isTrue();

        Files.writeString(new AppDirectories(root).store().databaseFile(), "not a database at all");
        Process broken = builder.start();
        broken.getInputStream().readAllBytes();
        String brokenErr = new String(broken.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(broken.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(broken.exitValue()).isEqualTo(1);
        assertThat(brokenErr).contains("damaged");
    }

    private static void jar(List<Path> directories, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path directory : directories) {
                try (Stream<Path> walk = Files.walk(directory)) {
                    for (Path path : walk.filter(Files::isRegularFile).toList()) {
                        String name = directory.relativize(path).toString().replace('\\', '/');
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(path, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
