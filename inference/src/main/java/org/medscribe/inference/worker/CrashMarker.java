package org.medscribe.inference.worker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Remembers that a model was being loaded. Written before a load, removed when it succeeds; if the
 * worker (or the whole app) dies during the load, the marker stays, and the app does not load that
 * model again on its own: the user decides (a model that aborts llama.cpp while loading would
 * otherwise crash the engine at every start).
 */
public final class CrashMarker {

    private final Path file;

    public CrashMarker(Path stateDir) {
        this.file = stateDir.resolve("loading.marker");
    }

    /** Records that {@code model} is being loaded; durable before the load starts. */
    public void markLoading(Path model) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.UTF_8.encode(model.toAbsolutePath().toString()));
            channel.force(true);
        }
    }

    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The model that was being loaded when the engine last died, if any. */
    public Optional<Path> crashedModel() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
