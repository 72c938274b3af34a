package org.medscribe.inference.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The metadata key/value pairs of a GGUF header, in file order. Immutable.
 *
 * <p>A value may be absent from {@link Entry#value()} (null) when it was too large to keep: the
 * reader retains strings and arrays only up to fixed budgets (see {@link GgufReader}); the entry
 * still records its type so checks on the type remain possible.
 */
public final class GgufMetadata {

    /**
     * One key's value.
     *
     * @param type  the value's GGUF type
     * @param value {@code Long}, {@code Double}, {@code Boolean}, {@code String} or {@link GgufArray};
     *              null when the value was not retained
     */
    public record Entry(GgufValueType type, Object value) {
        public Entry {
            Objects.requireNonNull(type, "type");
        }
    }

    private final Map<String, Entry> entries;

    GgufMetadata(LinkedHashMap<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public int size() {
        return entries.size();
    }

    public Set<String> keys() {
        return entries.keySet();
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The string value of {@code key}, if present, retained and of type string. */
    public Optional<String> string(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.value() instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /** The integer value of {@code key}, if present and of an integer type. */
    public OptionalLong integer(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.type().isInteger() && entry.value() instanceof Long number
                ? OptionalLong.of(number) : OptionalLong.empty();
    }

    /** The array value of {@code key}, if present and an array. */
    public Optional<GgufArray> array(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.value() instanceof GgufArray array ? Optional.of(array) : Optional.empty();
    }

    @Override
    public String toString() {
        return "GgufMetadata" + entries.keySet();
    }
}
