package org.medscribe.clinical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word tables of clinical text in English and Chinese: stop words, negation and affirmation
 * cues, number words, counted units, unit spellings, dosing frequencies, non-drug allergens. Data
 * ({@code org/medscribe/clinical/words.json}) read once; lists keep the file's order (the first
 * matching negation or frequency wins). Immutable and thread-safe.
 */
public final class ClinicalWords {

    private static final ClinicalWords STANDARD = load();

    private final JsonNode root;

    private ClinicalWords(JsonNode root) {
        this.root = root;
    }

    public static ClinicalWords standard() {
        return STANDARD;
    }

    /** A list of words, in file order, as an immutable set. */
    public Set<String> set(String table) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(list(table)));
    }

    /** A list of words in file order. */
    public List<String> list(String table) {
        JsonNode node = table(table);
        List<String> out = new ArrayList<>();
        node.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    /** A string of single characters (for {@code indexOf} tests). */
    public String characters(String table) {
        return table(table).asText();
    }

    /** A table of word to value, in file order. */
    public Map<String, String> map(String table) {
        Map<String, String> out = new LinkedHashMap<>();
        table(table).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(out);
    }

    /** A table of word to whole number, in file order. */
    public Map<String, Integer> numbers(String table) {
        Map<String, Integer> out = new LinkedHashMap<>();
        table(table).properties().forEach(e -> out.put(e.getKey(), e.getValue().asInt()));
        return Collections.unmodifiableMap(out);
    }

    private JsonNode table(String name) {
        JsonNode node = root.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no clinical word table " + name);
        }
        return node;
    }

    private static ClinicalWords load() {
        String resource = "/org/medscribe/clinical/words.json";
        try (InputStream in = ClinicalWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("clinical data missing: " + resource);
            }
            return new ClinicalWords(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("clinical data unreadable: " + resource, e);
        }
    }
}
