package org.medscribe.models.ui;

import java.nio.file.Path;

/**
 * Reads a model file's header before anything loads it. Blocking file I/O: call on the io executor.
 */
@FunctionalInterface
public interface ModelInspection {

    /**
     * @return what the header says, with a refusal when the model must not be loaded
     * @throws org.medscribe.common.MedScribeException BAD_INPUT when the file is not a usable GGUF model
     */
    ModelFacts inspect(Path file, int contextSize);
}
