package org.medscribe.inference.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place tests find model files and shared test data.
 *
 * <p>The test model is {@code ../shared/models/tiny-llama-random.gguf} from the project root
 * (random weights: its output is gibberish, grammar-constrained output is still valid). Point the
 * same tests at a real model with {@code -Dmedscribe.test.model=/path/model.gguf} or the
 * {@code MEDSCRIBE_TEST_MODEL} environment variable. The shared folder itself can be moved with
 * {@code -Dmedscribe.shared.dir} / {@code MEDSCRIBE_SHARED_DIR}.
 */
public final class TestModels {

    public static final String MODEL_PROPERTY = "medscribe.test.model";
    public static final String MODEL_ENV = "MEDSCRIBE_TEST_MODEL";
    public static final String SHARED_PROPERTY = "medscribe.shared.dir";
    public static final String SHARED_ENV = "MEDSCRIBE_SHARED_DIR";

    private TestModels() {
    }

    /** The shared folder (test models, data). */
    public static Path sharedDir() {
        String configured = firstNonBlank(System.getProperty(SHARED_PROPERTY), System.getenv(SHARED_ENV));
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        // Run from a module directory (surefire) or from the project root.
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared").normalize();
            if (Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        }
        return here.resolve("../shared").normalize();
    }

    /** The model the engine tests run on: the tiny random Llama unless overridden. */
    public static Path languageModel() {
        String configured = firstNonBlank(System.getProperty(MODEL_PROPERTY), System.getenv(MODEL_ENV));
        Path model = configured != null
                ? Path.of(configured)
                : sharedDir().resolve("models").resolve("tiny-llama-random.gguf");
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("test model not found at " + model
                    + " (set -D" + MODEL_PROPERTY + " or " + MODEL_ENV + ")");
        }
        return model.toAbsolutePath();
    }

    /** True when the tests run on the bundled tiny random model (output is gibberish, only structure counts). */
    public static boolean isTinyRandomModel() {
        return languageModel().getFileName().toString().equals("tiny-llama-random.gguf");
    }

    /** A file of the shared data folder, e.g. {@code data("aci-bench/valid-20.jsonl")}; fails if absent. */
    public static Path data(String relative) {
        Path path = sharedDir().resolve("data").resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("shared test data missing: " + path);
        }
        return path;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
