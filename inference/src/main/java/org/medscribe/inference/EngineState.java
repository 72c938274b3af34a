package org.medscribe.inference;

/** What the engine is doing, as the status bar shows it. */
public enum EngineState {
    /** No model loaded. */
    NO_MODEL,
    /** Loading a model (or restarting after a crash). */
    LOADING,
    /** Loaded and idle. */
    READY,
    /** Generating an answer. */
    GENERATING,
    /** The engine process stopped unexpectedly; it is being restarted or needs the user. */
    STOPPED,
    /** Loading failed; see the status message. */
    FAILED
}
