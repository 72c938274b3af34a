package org.medscribe.models;

import org.medscribe.inference.ModelCheck;
import org.medscribe.inference.admission.AdmissionCheck;

/** The model admission the app applies before any native code sees a file. */
public final class ModelChecks {

    private ModelChecks() {
    }

    /** CPU, GGUF header, architecture and memory, against this machine. */
    public static ModelCheck admission() {
        return AdmissionCheck.forThisMachine();
    }
}
