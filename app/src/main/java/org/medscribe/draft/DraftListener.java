package org.medscribe.draft;

import org.medscribe.record.DraftSection;

/**
 * Follows a draft as it is made. Called on the drafting thread (the engine's token thread for
 * {@link #token}, {@link #sectionStarted} and {@link #statementWritten}); a UI copies what it needs
 * and draws at most once per frame.
 *
 * <p>For a section, in this order: {@link #sectionStarted} once, when the model begins writing the
 * facts it is made of; {@link #statementWritten} for each of those facts as the model finishes it;
 * {@link #sectionCompleted} with the checked section. A section whose facts come from a cached
 * extraction is only completed. A cancelled draft stops anywhere in between.
 */
public interface DraftListener {

    DraftListener NONE = new DraftListener() {
    };

    /** The current phase ({@code draft.phase.*} message key) and progress 0..1 (-1 if unknown). */
    default void progress(String phaseKey, double fraction) {
    }

    /** A long encounter is read in {@code count} parts; part {@code index} (from 1) begins. */
    default void part(int index, int count) {
    }

    /** A piece of the model's answer (for a tokens/s display; it is JSON, not record text). */
    default void token(String piece) {
    }

    /** The model began writing facts for {@code sectionId}. */
    default void sectionStarted(String sectionId) {
    }

    /**
     * A fact for {@code sectionId}, as the model wrote it in the sources' language: for a live view
     * only. Its evidence is not checked yet, and the completed section (translated to the record's
     * language if need be) replaces what was written.
     */
    default void statementWritten(String sectionId, String text) {
    }

    /** A section is final (its facts are complete and their evidence verified). Sections come in any order. */
    default void sectionCompleted(DraftSection section) {
    }
}
