package org.medscribe.inference.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.PrivateFiles;
import org.medscribe.common.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 of a model file, recorded with every draft so a record says exactly which model wrote
 * it. Hashing a 4 GB model takes several seconds, so results are cached in a small JSON file
 * ({@value #CACHE_FILE}) in a directory the caller owns, keyed by the file's absolute path, size and
 * modification time: a replaced or edited file is hashed again.
 *
 * <p>Thread-safe (one instance serialises its cache updates). Hashing runs on the caller's thread:
 * never the UI thread.
 */
public final class ModelFingerprint {

    public static final String CACHE_FILE = "model-fingerprints.json";
    static final int MAX_CACHED = 64;
    private static final int CHUNK = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ModelFingerprint.class);

    /** One cached result. */
    record CachedHash(String path, long size, long modifiedMillis, String sha256) {
    }

    /** The cache file's layout. */
    record CacheFile(List<CachedHash> entries) {
    }

    private final Path cacheFile;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param cacheDirectory where the cache file lives; created when first written */
    public ModelFingerprint(Path cacheDirectory) {
        this.cacheFile = Objects.requireNonNull(cacheDirectory, "cacheDirectory").resolve(CACHE_FILE);
    }

    /** The SHA-256 (lower-case hex) of {@code model}, from the cache when the file is unchanged. */
    public String sha256(Path model) {
        return sha256(model, ProgressListener.NONE, CancellationToken.none());
    }

    /**
     * The SHA-256 (lower-case hex) of {@code model}.
     *
     * @param progress told {@code model.phase.fingerprint} with the fraction hashed
     * @param cancel   checked between chunks
     * @throws MedScribeException BAD_INPUT if the file is missing or unreadable
     * @throws org.medscribe.common.CancelledException if cancelled
     */
    public synchronized String sha256(Path model, ProgressListener progress, CancellationToken cancel) {
        Path file = model.toAbsolutePath().normalize();
        BasicFileAttributes attributes = attributes(file);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        Map<String, CachedHash> cache = loadCache();
        CachedHash cached = cache.get(file.toString());
        if (cached != null && cached.size() == size && cached.modifiedMillis() == modified) {
            return cached.sha256();
        }
        String hash = hash(file, size, progress, cancel);
        cache.remove(file.toString());
        cache.put(file.toString(), new CachedHash(file.toString(), size, modified, hash));
        saveCache(cache);
        return hash;
    }

    /** The SHA-256 (lower-case hex) of {@code file}, without the cache. */
    public static String hashOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return hash(absolute, attributes(absolute).size(), ProgressListener.NONE, CancellationToken.none());
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "model.error.notAFile",
                        file.toString());
            }
            return attributes;
        } catch (NoSuchFileException missing) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "model.error.fileMissing",
                    file.toString());
        } catch (IOException e) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, e, "model.error.fileUnreadable",
                    file.toString());
        }
    }

    private static String hash(Path file, long size, ProgressListener progress, CancellationToken cancel) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long done = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            progress.progress("model.phase.fingerprint", 0);
            while (true) {
                cancel.throwIfCancelled();
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                digest.update(buffer);
                done += n;
                progress.progress("model.phase.fingerprint", size == 0 ? 1 : Math.min(1.0, (double) done / size));
            }
        } catch (IOException e) {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, e, "model.error.fileUnreadable",
                    file.toString());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The cached entries by path, oldest first; an unreadable cache counts as empty. */
    private Map<String, CachedHash> loadCache() {
        Map<String, CachedHash> byPath = new LinkedHashMap<>();
        if (!Files.isRegularFile(cacheFile)) {
            return byPath;
        }
        try {
            CacheFile stored = json.readValue(cacheFile.toFile(), CacheFile.class);
            if (stored.entries() != null) {
                for (CachedHash entry : stored.entries()) {
                    if (entry != null && entry.path() != null && entry.sha256() != null) {
                        byPath.put(entry.path(), entry);
                    }
                }
            }
        } catch (IOException | RuntimeException damaged) {
            LOG.warn("ignoring unreadable fingerprint cache {}: {}", cacheFile, damaged.toString());
        }
        return byPath;
    }

    /** Writes the newest {@value #MAX_CACHED} entries; a failure only costs a later re-hash. */
    private void saveCache(Map<String, CachedHash> byPath) {
        List<CachedHash> entries = new ArrayList<>(byPath.values());
        if (entries.size() > MAX_CACHED) {
            entries = entries.subList(entries.size() - MAX_CACHED, entries.size());
        }
        try {
            PrivateFiles.write(cacheFile, json.writeValueAsBytes(new CacheFile(entries)));
        } catch (IOException e) {
            LOG.warn("could not write fingerprint cache {}: {}", cacheFile, e.toString());
        }
    }
}
