package org.medscribe.storage.backup;

import java.nio.file.Path;

/** A complete backup on disk: the database copy and its manifest. */
public record BackupInfo(Path file, Path manifestFile, BackupManifest manifest) {
}
