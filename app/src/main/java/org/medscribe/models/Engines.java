package org.medscribe.models;

import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.ModelCheck;
import org.medscribe.inference.llama.LlamaEngine;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.settings.AppDirectories;

/**
 * Builds the language engines the app uses, with the user's directories and the model admission
 * check. The desktop and the command line use the supervised engine (llama.cpp in a child JVM, so a
 * native crash cannot end the app); the in-process engine is for the benchmark's comparison.
 */
public final class Engines {

    private final AppDirectories directories;
    private final ModelCheck admission;

    public Engines(AppDirectories directories, ModelCheck admission) {
        this.directories = directories;
        this.admission = admission;
    }

    /** llama.cpp in a supervised child JVM. Not loaded yet: call {@code load}. */
    public SupervisedEngine supervised() {
        return new SupervisedEngine(SupervisedEngine.Options.defaults(directories.natives(),
                directories.engineState()), admission);
    }

    /** llama.cpp in this process. Not loaded yet: call {@code load}. */
    public LanguageEngine inProcess() {
        return new LlamaEngine(directories.natives(), directories.engineState().resolve("in-process"), admission);
    }
}
