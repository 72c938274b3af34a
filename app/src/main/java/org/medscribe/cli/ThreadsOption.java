package org.medscribe.cli;

import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import picocli.CommandLine.Option;

/** {@code --threads N}: the engine's CPU threads, 0 for llama.cpp's choice. A picocli mixin. */
public final class ThreadsOption {

    @Option(names = "--threads", defaultValue = "0", description = "engine CPU threads, 0: llama.cpp's choice (default ${DEFAULT-VALUE})")
    int threads;

    /** The threads asked for; a negative count is bad input ({@code messageKey} says how to use the command). */
    public int threads(String messageKey) {
        if (threads < 0) {
            throw new MedScribeException(Category.BAD_INPUT, messageKey);
        }
        return threads;
    }
}
