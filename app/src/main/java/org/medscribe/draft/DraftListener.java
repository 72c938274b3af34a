package org.medscribe.draft;

import org.medscribe.record.DraftSection;

/**
 * Follows a draft as it is made. Called on the drafting thread (the engine's token thread for
 * {@link #token}); a UI copies what it needs and draws at most once per frame.
 */
public interface DraftListener {

    DraftListener NONE = new DraftListener() {
    };

    /** The current phase ({@code draft.phase.*} message key) and progress 0..1 (-1 if unknown). */
    default void progress(String phaseKey, double fraction) {
    }

    /** A piece of the model's answer (for a tokens/s display; it is JSON, not record text). */
    default void token(String piece) {
    }

    /** A section is final (its facts are complete and their evidence verified). Sections come in any order. */
    default void sectionCompleted(DraftSection section) {
    }
}
