package org.medscribe.models;

import java.nio.file.Path;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.ModelCheck;
import org.medscribe.inference.llama.LlamaEngine;
import org.medscribe.inference.worker.SupervisedEngine;

/**
 * Builds the language engines the app uses, with the user's engine folders and the model admission
 * check. The desktop and the command line use the supervised engine (llama.cpp in a child JVM, so a
 * native crash cannot end the app); the in-process engine is for the benchmark's comparison.
 */
public final class Engines {

    private final Path natives;
    private final Path engineState;
    private final ModelCheck admission;

    /**
     * @param natives     where the bundled native engine library is unpacked
     * @param engineState where the engine keeps its state (the crash marker of a model that crashed loading)
     */
    public Engines(Path natives, Path engineState, ModelCheck admission) {
        this.natives = natives;
        this.engineState = engineState;
        this.admission = admission;
    }

    /** llama.cpp in a supervised child JVM. Not loaded yet: call {@code load}. */
    public SupervisedEngine supervised() {
        return new SupervisedEngine(SupervisedEngine.Options.defaults(natives, engineState), admission);
    }

    /** llama.cpp in this process. Not loaded yet: call {@code load}. */
    public LanguageEngine inProcess() {
        return new LlamaEngine(natives, engineState.resolve("in-process"), admission);
    }
}
