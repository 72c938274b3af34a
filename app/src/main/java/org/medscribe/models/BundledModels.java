package org.medscribe.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * Models shipped inside the installed app (the installer's "with model" variant) and the GGUF files
 * in a folder. The installer's launcher sets {@value #PROPERTY} to the app image's model folder;
 * it is unset for {@code bin/medscribe} and for installers without a model.
 *
 * <p>Stateless; safe from any thread. Lists the folder each time (it is read-only in an installed
 * app, so the answer does not change while the app runs).
 */
public final class BundledModels {

    /** System property naming the folder of models shipped with the app. */
    public static final String PROPERTY = "medscribe.bundled.models.dir";

    private BundledModels() {
    }

    /** The models shipped with the app, by file name; empty when none are. */
    public static List<Path> list() {
        String dir = System.getProperty(PROPERTY);
        return dir == null || dir.isBlank() ? List.of() : ggufFiles(Path.of(dir));
    }

    /** The {@code .gguf} files directly in {@code dir}, sorted by file name; empty if it does not exist. */
    public static List<Path> ggufFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                    .sorted()
                    .map(Path::toAbsolutePath)
                    .toList();
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "models.error.listFolder", dir.toString());
        }
    }
}
