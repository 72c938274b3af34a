package org.medscribe.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that wrote into the developer's real data folder ({@code ~/.local/share/MedScribe}
 * on Linux, the OS default whatever the environment says): tests keep their data, logs and launched
 * processes in temporary folders. Registered for every test class of this module through
 * {@code META-INF/services} and {@code junit-platform.properties}; the build also points
 * {@code XDG_DATA_HOME} of the test JVMs, and so of every process they start, into {@code target/}.
 */
public final class RealDataFolderGuard implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealDataFolderGuard.class);

    private final Path folder;

    public RealDataFolderGuard() {
        this(AppDirectories.resolveRoot(null, Map.of(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home"))));
    }

    RealDataFolderGuard(Path folder) {
        this.folder = folder;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(folder, snapshot());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Object before = context.getStore(NAMESPACE).get(folder);
        if (before != null) {
            check(before);
        }
    }

    /** Each file under the folder with its size and modification time; null when there is no folder. */
    Map<String, String> snapshot() {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                try {
                    files.put(folder.relativize(file).toString(),
                            Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
                } catch (IOException gone) {
                    files.put(folder.relativize(file).toString(), "unreadable");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Throws when the folder is not as {@code before} (a {@link #snapshot()}) left it. */
    void check(Object before) {
        Map<String, String> now = snapshot();
        if (Objects.equals(before, now)) {
            return;
        }
        List<String> changed = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, String> earlier = before instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
        if (now != null) {
            now.forEach((file, state) -> {
                if (!state.equals(earlier.get(file))) {
                    changed.add(file);
                }
            });
        }
        throw new AssertionError("a test wrote into the real data folder " + folder
                + (changed.isEmpty() ? "" : ": " + String.join(", ", changed.subList(0, Math.min(5, changed.size()))))
                + " (give every store, log and launched process a temporary folder; or was the app running?)");
    }
}
