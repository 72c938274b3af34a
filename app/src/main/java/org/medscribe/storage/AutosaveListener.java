package org.medscribe.storage;

import java.time.Instant;
import org.medscribe.common.MedScribeException;

/**
 * Hears how autosaves end, to show "saved" or "not saved: disk full" beside the editor. Called on
 * the store's writer thread: hand the news to the UI thread, never block here.
 */
public interface AutosaveListener {

    /** The edit with {@code revision} (and every earlier one of the encounter) is on disk. */
    void saved(String encounterId, long revision, Instant at);

    /**
     * Saving {@code revision} failed; the edit stays in memory and is retried (every
     * {@link StoreOptions#autosaveRetry()}) until it is saved or the store closes.
     */
    void failed(String encounterId, long revision, MedScribeException failure);
}
