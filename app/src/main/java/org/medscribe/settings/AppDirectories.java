package org.medscribe.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.medscribe.common.PrivateFiles;
import org.medscribe.storage.StoreLayout;
import java.util.Locale;
import java.util.Map;

/**
 * Where MedScribe keeps its per-user files: the encounter database, settings, logs, models and the
 * native engine library. One root per OS convention, overridable with {@code -Dmedscribe.data.dir}
 * or {@code MEDSCRIBE_DATA_DIR} (tests, portable installs).
 *
 * <ul>
 *   <li>Linux: {@code $XDG_DATA_HOME/MedScribe} or {@code ~/.local/share/MedScribe}</li>
 *   <li>Windows: {@code %LOCALAPPDATA%\MedScribe}</li>
 *   <li>macOS: {@code ~/Library/Application Support/MedScribe}</li>
 * </ul>
 */
public final class AppDirectories {

    public static final String PROPERTY = "medscribe.data.dir";
    public static final String ENVIRONMENT = "MEDSCRIBE_DATA_DIR";

    private final Path root;

    public AppDirectories(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The directories of the current user, honouring the override property and variable. */
    public static AppDirectories forCurrentUser() {
        return new AppDirectories(resolveRoot(System.getProperties().getProperty(PROPERTY), System.getenv(),
                System.getProperty("os.name", ""), Path.of(System.getProperty("user.home"))));
    }

    static Path resolveRoot(String override, Map<String, String> env, String osName, Path home) {
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String fromEnv = env.get(ENVIRONMENT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("MedScribe");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("MedScribe");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
                .resolve("MedScribe");
    }

    public Path root() {
        return root;
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path models() {
        return root.resolve("models");
    }

    /** Where the bundled native engine library is unpacked (never a shared temp directory). */
    public Path natives() {
        return root.resolve("natives");
    }

    /** Engine state: the crash marker of a model that crashed while loading. */
    public Path engineState() {
        return root.resolve("engine");
    }

    public Path database() {
        return root.resolve("data");
    }

    /**
     * Where the encounter store keeps its files: the database in {@code data/}, backups in
     * {@code backups/}, the key file in {@code keys/}, SQLite's native library in {@code natives/}.
     */
    public StoreLayout store() {
        return StoreLayout.of(database(), root.resolve("backups"), natives(), root.resolve("keys").resolve("store.key"));
    }

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    /** The clinic's switches over the built-in quality rules. */
    public Path clinicRulesFile() {
        return root.resolve("quality-rules.json");
    }

    /**
     * Creates the data root and the folders MedScribe fills on its own ({@code data/}, {@code backups/},
     * {@code logs/}, {@code engine/}, {@code keys/}) for the owner only (0700), and makes the files
     * already in {@code logs/} and {@code engine/} 0600. The modes are set explicitly, so they hold
     * whatever the umask (under umask 000 a plain create would leave them world-writable) and tighten
     * folders an earlier version created wider. Call before anything logs.
     */
    public AppDirectories preparePrivate() throws IOException {
        PrivateFiles.directory(root);
        StoreLayout store = store();
        for (Path dir : List.of(store.databaseDirectory(), store.backupDirectory(), store.keyFile().getParent())) {
            PrivateFiles.directory(dir);
        }
        for (Path dir : List.of(logs(), engineState())) {
            PrivateFiles.directory(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    PrivateFiles.restrict(file);
                }
            }
        }
        return this;
    }

    /** Creates {@code dir} (and parents) readable by the owner only where the file system allows. */
    public static Path ensurePrivate(Path dir) throws IOException {
        return PrivateFiles.directory(dir);
    }
}
