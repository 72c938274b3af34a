package org.medscribe.storage.db;

/**
 * How hard a write transaction waits for the disk. In WAL mode NORMAL survives a crash of the
 * process (the OS still has the pages) but may lose the last commits on power loss; FULL syncs the
 * WAL on every commit and survives both.
 */
public enum Durability {
    /** Keystroke autosave of the working draft. */
    NORMAL,
    /** Everything audited: versions, signing, amendments, patients, backups, migrations. */
    FULL
}
