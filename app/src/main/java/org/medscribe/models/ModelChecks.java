package org.medscribe.models;

import org.medscribe.inference.ModelCheck;

/** The model admission the app applies before any native code sees a file. */
public final class ModelChecks {

    private ModelChecks() {
    }

    public static ModelCheck admission() {
        // Replaced by the GGUF admission (header, architecture, memory) when it lands.
        return (model, contextSize) -> new ModelCheck.ModelIdentity(model.getFileName().toString(), "unknown");
    }
}
