package org.medscribe.inference;

import java.nio.file.Path;

/**
 * A model the engine has loaded.
 *
 * @param path          the GGUF file
 * @param name          display name (from metadata, else the file name)
 * @param architecture  GGUF {@code general.architecture}
 * @param contextSize   the context window actually allocated
 * @param fileBytes     size of the file
 * @param loadMillis    time the load took
 * @param engineVersion the native engine's identification (binding and llama.cpp build)
 */
public record LoadedModel(
        Path path,
        String name,
        String architecture,
        int contextSize,
        long fileBytes,
        double loadMillis,
        String engineVersion) {
}
