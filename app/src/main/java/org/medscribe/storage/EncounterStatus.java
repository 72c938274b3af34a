package org.medscribe.storage;

/** Where an encounter's record stands. */
public enum EncounterStatus {
    /** Being drafted; nothing signed yet. */
    OPEN,
    /** A signed record exists and has not been amended. */
    SIGNED,
    /** Signed, then amended at least once. */
    AMENDED,
    /**
     * The latest signed record awaits a supervising clinician's co-signature (schema 5). Never stored
     * in the encounter's status column: read from {@code cosignatures}.
     */
    AWAITING_COSIGNATURE
}
