package org.medscribe.inference.worker;

import org.medscribe.inference.ModelCheck;

/** The admission the worker applies again before loading (the app has already applied it). */
final class WorkerModelCheck {

    private WorkerModelCheck() {
    }

    static ModelCheck create() {
        return (model, contextSize) -> new ModelCheck.ModelIdentity(model.getFileName().toString(), "unknown");
    }
}
