package org.medscribe.storage;

/** Where an encounter's record stands. */
public enum EncounterStatus {
    /** Being drafted; nothing signed yet. */
    OPEN,
    /** A signed record exists and has not been amended. */
    SIGNED,
    /** Signed, then amended at least once. */
    AMENDED
}
