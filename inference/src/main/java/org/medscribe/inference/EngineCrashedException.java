package org.medscribe.inference;

/** The engine worker process died while serving the request (native crash, abort, out of memory, killed). */
public final class EngineCrashedException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public EngineCrashedException(int exitCode) {
        super(Category.FAILED, "engine.error.crashed", exitCode);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
