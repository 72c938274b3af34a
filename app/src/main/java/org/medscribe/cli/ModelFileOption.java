package org.medscribe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import picocli.CommandLine.Option;

/**
 * {@code --model FILE} for the commands that choose their own context size ({@code bench},
 * {@code ui-probe}; the drafting commands use {@link ModelOptions}). A picocli mixin.
 */
public final class ModelFileOption {

    @Option(names = "--model", required = true, description = "GGUF model file")
    Path model;

    /** The model file, absolute; bad input when it is not a file. */
    public Path existingFile() {
        if (!Files.isRegularFile(model)) {
            throw new MedScribeException(Category.BAD_INPUT, "cli.error.fileNotFound", model.toString());
        }
        return model.toAbsolutePath();
    }
}
