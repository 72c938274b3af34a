package org.medscribe.draft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.admission.ModelFingerprint;

/**
 * SHA-256 of model files for draft provenance. Results are kept per file (path, size and
 * modification time) for the life of this object and, when a cache directory is given, across runs
 * through {@link ModelFingerprint}'s cache file (hashing a 4 GB model takes seconds). Thread-safe.
 */
public final class ModelFingerprints {

    private record Key(Path path, long size, long modified) {
    }

    private final Map<Key, String> known = new ConcurrentHashMap<>();
    private final ModelFingerprint persistent;

    /** Fingerprints remembered for this object's life only. */
    public ModelFingerprints() {
        this.persistent = null;
    }

    /** Fingerprints also remembered across runs in {@code cacheDirectory}. */
    public ModelFingerprints(Path cacheDirectory) {
        this.persistent = new ModelFingerprint(cacheDirectory);
    }

    /** SHA-256 of the file, hex; null when the file does not exist (an engine without a file). */
    public String sha256(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            Key key = new Key(file.toAbsolutePath().normalize(), Files.size(file),
                    Files.getLastModifiedTime(file).toMillis());
            return known.computeIfAbsent(key, k -> persistent != null ? persistent.sha256(k.path())
                    : ModelFingerprint.hashOf(k.path()));
        } catch (IOException e) {
            throw new MedScribeException(MedScribeException.Category.FAILED, e, "draft.error.modelUnreadable",
                    file.getFileName().toString());
        }
    }
}
