package org.medscribe.inference.admission;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The model architectures the bundled native engine (llama.cpp build 4916 in de.kherud:llama:4.2.0)
 * can load, read from the data file {@code supported-architectures.tsv} beside this class, whose
 * header says how the list was derived from the shipped binary.
 *
 * <p>Only architectures of kind {@link Kind#TEXT} are admitted for drafting; embedding and audio
 * models load in llama.cpp but cannot write a record. Immutable and thread-safe.
 */
public final class SupportedArchitectures {

    /** What an architecture does once loaded. */
    public enum Kind {
        /** Generates text: usable for drafting. */
        TEXT,
        /** An encoder producing embeddings only. */
        EMBEDDING,
        /** An encoder-decoder (T5). */
        SEQ2SEQ,
        /** An audio codec decoder. */
        AUDIO,
        /** Named in the build's table but not implemented. */
        NONE
    }

    /**
     * One row of the list.
     *
     * @param name     the {@code general.architecture} value
     * @param kind     what it does
     * @param families model families users know it by, empty when not listed in messages
     */
    public record Architecture(String name, Kind kind, String families) {
    }

    private static final String RESOURCE = "supported-architectures.tsv";
    private static final SupportedArchitectures BUNDLED = load();

    private final Map<String, Architecture> byName;

    private SupportedArchitectures(Map<String, Architecture> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The list for the native build bundled with this version of MedScribe. */
    public static SupportedArchitectures bundled() {
        return BUNDLED;
    }

    /** True when the bundled build loads {@code architecture} and it generates text. */
    public boolean isSupported(String architecture) {
        return find(architecture).map(a -> a.kind() == Kind.TEXT).orElse(false);
    }

    /** The row for {@code architecture}, if the bundled build knows the name at all. */
    public Optional<Architecture> find(String architecture) {
        return architecture == null ? Optional.empty() : Optional.ofNullable(byName.get(architecture));
    }

    /** Every architecture name the build knows, in the file's order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Names of the architectures admitted for drafting. */
    public List<String> textArchitectures() {
        return byName.values().stream().filter(a -> a.kind() == Kind.TEXT).map(Architecture::name).toList();
    }

    /** The well-known families, for messages: "Llama 2, Llama 3.x, …; Qwen2, Qwen2.5, …". */
    public String familiesSummary() {
        return byName.values().stream()
                .filter(a -> a.kind() == Kind.TEXT && !a.families().isEmpty())
                .map(Architecture::families)
                .collect(Collectors.joining("; "));
    }

    private static SupportedArchitectures load() {
        try (InputStream stream = SupportedArchitectures.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SupportedArchitectures parse(List<String> lines) {
        Map<String, Architecture> rows = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] columns = lines.get(i).split("\t");
            if (columns.length != 3) {
                problems.add("line " + (i + 1) + ": expected 3 tab-separated columns");
                continue;
            }
            Kind kind;
            try {
                kind = Kind.valueOf(columns[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                problems.add("line " + (i + 1) + ": unknown kind " + columns[1]);
                continue;
            }
            String families = columns[2].strip();
            String name = columns[0].strip();
            if (rows.put(name, new Architecture(name, kind, families.equals("-") ? "" : families)) != null) {
                problems.add("line " + (i + 1) + ": duplicate " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": " + problems);
        }
        return new SupportedArchitectures(rows);
    }
}
