package org.medscribe.diagnosis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bundled ICD-10-CM code table ({@code icd10cm-common.tsv}; its header names the source and
 * licence). Validates the codes the model proposes. Immutable and thread-safe.
 */
public final class Icd10Table {

    /** How a proposed code fared. */
    public enum Verdict {
        /** In the table. */
        VALID,
        /** Well formed and in a category the table knows, but this exact code is not in the bundled subset. */
        UNVERIFIED,
        /** Malformed, or in a category the table does not know: dropped. */
        INVALID
    }

    /** A table entry. */
    public record Entry(String code, String titleEn, String titleZh) {
    }

    /** The check of one code: the verdict, the code as written in the table's style, its entry if known. */
    public record CodeCheck(Verdict verdict, String code, Entry entry) {
    }

    private static final String RESOURCE = "/org/medscribe/diagnosis/icd10cm-common.tsv";
    private static final Pattern FORMAT = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");

    private final Map<String, Entry> entries;
    private final Set<String> categories;
    private final String source;

    private Icd10Table(Map<String, Entry> entries, String source) {
        this.entries = Map.copyOf(entries);
        Set<String> cats = new HashSet<>();
        entries.keySet().forEach(code -> cats.add(code.substring(0, 3)));
        this.categories = Set.copyOf(cats);
        this.source = source;
    }

    public static Icd10Table bundled() {
        try (InputStream in = Icd10Table.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ICD-10 table missing from the build");
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            List<String> header = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("#")) {
                        header.add(line.substring(1).strip());
                        continue;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] columns = line.split("\t");
                    entries.put(columns[0], new Entry(columns[0], columns[1], columns.length > 2 ? columns[2] : columns[1]));
                }
            }
            return new Icd10Table(entries, sourceNote(header));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The header's note on the table, whole: what it is, where the codes come from, and that it is a
     * hand-entered subset. The closing "Format:" line describes the columns, not the source, and is left out.
     */
    static String sourceNote(List<String> header) {
        StringBuilder note = new StringBuilder();
        for (String line : header) {
            if (line.startsWith("Format:")) {
                break;
            }
            if (!line.isEmpty()) {
                note.append(note.length() == 0 ? "" : " ").append(line);
            }
        }
        return note.toString();
    }

    /** Where the table comes from, under which licence, and that it is a subset (the header's note, whole). */
    public String source() {
        return source;
    }

    public int size() {
        return entries.size();
    }

    public Optional<Entry> lookup(String code) {
        return Optional.ofNullable(entries.get(normalize(code)));
    }

    /** Checks a proposed code: spaces and case do not matter, a missing dot is put back. */
    public CodeCheck check(String proposed) {
        String code = normalize(proposed);
        if (!FORMAT.matcher(code).matches()) {
            return new CodeCheck(Verdict.INVALID, code, null);
        }
        Entry entry = entries.get(code);
        if (entry != null) {
            return new CodeCheck(Verdict.VALID, code, entry);
        }
        return new CodeCheck(categories.contains(code.substring(0, 3)) ? Verdict.UNVERIFIED : Verdict.INVALID, code, null);
    }

    static String normalize(String code) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s]", "");
        if (c.matches("[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}")) {
            c = c.substring(0, 3) + "." + c.substring(3);
        }
        if (c.endsWith(".")) {
            c = c.substring(0, c.length() - 1);
        }
        return c;
    }
}
