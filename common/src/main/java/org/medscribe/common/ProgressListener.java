package org.medscribe.common;

/**
 * Progress of long work. Called from the working thread; a UI must hand it to its own thread.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Fraction for work whose extent is unknown. */
    double INDETERMINATE = -1;

    ProgressListener NONE = (phaseKey, fraction) -> { };

    /**
     * @param phaseKey message key naming the current phase (e.g. {@code engine.phase.loading})
     * @param fraction 0..1, or {@link #INDETERMINATE}
     */
    void progress(String phaseKey, double fraction);
}
