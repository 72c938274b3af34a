package org.medscribe.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model a command loads and its context window: {@code --model}, {@code --context}. */
final class ModelOptions {

    @Option(names = "--model", required = true, description = "GGUF model file")
    Path model;

    @Option(names = "--context", defaultValue = "4096", description = "context window in tokens (default ${DEFAULT-VALUE})")
    int contextSize;

    /** Loads the model (progress on stderr) with the services on it. */
    ModelSession open(CliContext context) {
        return ModelSession.open(context, model, contextSize);
    }
}
