package org.medscribe.inference;

/**
 * Admission of a model file before any native code sees it: the GGUF header is read in Java and
 * the file refused (with a {@link org.medscribe.common.MedScribeException}) when it is malformed,
 * of an architecture the bundled llama.cpp build cannot load, or too large for the machine.
 * llama.cpp aborts the whole process on some malformed files, so this check is not optional.
 */
@FunctionalInterface
public interface ModelCheck {

    /**
     * @return the model's display name and architecture, read from its header
     * @throws org.medscribe.common.MedScribeException (BAD_INPUT) when the model must not be loaded
     */
    ModelIdentity check(EngineSettings settings);

    /** What the header says the model is. */
    record ModelIdentity(String name, String architecture) {
    }
}
