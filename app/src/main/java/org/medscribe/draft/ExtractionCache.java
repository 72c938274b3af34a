package org.medscribe.draft;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps extractions per encounter sources and model, so another template renders without a new
 * model call. The key is a hash of the model file's SHA-256 and the sources' ids, kinds and
 * SHA-256s; the encounter store may supply a persistent implementation. Implementations are thread-safe.
 */
public interface ExtractionCache {

    Optional<ClinicalExtraction> get(String key);

    void put(String key, ClinicalExtraction extraction);

    /** An in-memory cache of the most recent {@code capacity} extractions. */
    static ExtractionCache inMemory(int capacity) {
        return new ExtractionCache() {
            private final Map<String, ClinicalExtraction> entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ClinicalExtraction> eldest) {
                    return size() > capacity;
                }
            };

            @Override
            public synchronized Optional<ClinicalExtraction> get(String key) {
                return Optional.ofNullable(entries.get(key));
            }

            @Override
            public synchronized void put(String key, ClinicalExtraction extraction) {
                entries.put(key, extraction);
            }
        };
    }

    /** A cache that keeps nothing. */
    static ExtractionCache none() {
        return new ExtractionCache() {
            @Override
            public Optional<ClinicalExtraction> get(String key) {
                return Optional.empty();
            }

            @Override
            public void put(String key, ClinicalExtraction extraction) {
                // keeps nothing
            }
        };
    }
}
