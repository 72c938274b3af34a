package org.medscribe.draft;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medscribe.common.MedScribeException;

/**
 * SHA-256 of model files for provenance. Hashing a 4 GB model takes seconds, so results are kept
 * per file (path, size and modification time) for the life of this object. Thread-safe.
 */
public final class ModelFingerprints {

    private record Key(Path path, long size, long modified) {
    }

    private final Map<Key, String> known = new ConcurrentHashMap<>();

    /** SHA-256 of the file, hex; null when the file does not exist (an engine without a file). */
    public String sha256(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            Key key = new Key(file.toAbsolutePath().normalize(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
            String cached = known.get(key);
            if (cached != null) {
                return cached;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            String hex = HexFormat.of().formatHex(digest.digest());
            known.put(key, hex);
            return hex;
        } catch (IOException e) {
            throw new MedScribeException(MedScribeException.Category.FAILED, e, "draft.error.modelUnreadable",
                    file.getFileName().toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
