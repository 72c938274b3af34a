package org.medscribe.clinical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word lists behind evidence checks, fact checks and quality control: the one drug table
 * ({@code drugs.tsv}: English and Chinese names mapped to one canonical name, so a Chinese draft of an
 * English note is checked too), clinical cue words, Chinese synonyms. Loaded once from resources;
 * immutable and thread-safe.
 */
public final class ClinicalLexicon {

    private static final String DIR = "/org/medscribe/clinical/";
    private static final Pattern DRUG_SUFFIX = Pattern.compile(
            "\\b[a-z]{3,}(?:" + String.join("|", ClinicalWords.standard().list("drug_name_endings")) + ")\\b");

    private static final ClinicalLexicon DEFAULT = load();

    /** canonical name → every spelling, lower case (English) or as written (Chinese). */
    private final Map<String, List<String>> drugSpellings;
    /** spelling → canonical name. */
    private final Map<String, String> canonicalBySpelling;
    private final List<String> spellingsLongestFirst;
    private final List<String> englishCues;
    private final List<String> hanCues;
    /** Chinese two-character word → the word it means the same as. */
    private final Map<String, String> hanSynonyms;

    private ClinicalLexicon(Map<String, List<String>> drugSpellings, List<String> englishCues, List<String> hanCues,
            Map<String, String> hanSynonyms) {
        this.drugSpellings = drugSpellings;
        this.canonicalBySpelling = new HashMap<>();
        drugSpellings.forEach((canonical, spellings) -> spellings.forEach(s -> canonicalBySpelling.put(s, canonical)));
        List<String> sorted = new ArrayList<>(canonicalBySpelling.keySet());
        sorted.sort((a, b) -> b.length() != a.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b));
        this.spellingsLongestFirst = List.copyOf(sorted);
        this.englishCues = englishCues;
        this.hanCues = hanCues;
        this.hanSynonyms = hanSynonyms;
    }

    /** The bundled lexicon. */
    public static ClinicalLexicon standard() {
        return DEFAULT;
    }

    private static ClinicalLexicon load() {
        Map<String, List<String>> drugs = new HashMap<>();
        for (String line : lines("drugs.tsv")) {
            String[] columns = line.split("\t");
            List<String> spellings = new ArrayList<>();
            for (String name : columns[0].split("\\|")) {
                spellings.add(name.trim().toLowerCase(Locale.ROOT));
            }
            if (columns.length > 1) {
                for (String name : columns[1].split("\\|")) {
                    spellings.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
            drugs.put(spellings.get(0), List.copyOf(spellings));
        }
        List<String> english = new ArrayList<>();
        List<String> han = new ArrayList<>();
        for (String cue : lines("clinical-cues.txt")) {
            String lower = cue.toLowerCase(Locale.ROOT);
            (containsHan(lower) ? han : english).add(lower);
        }
        Map<String, String> synonyms = new HashMap<>();
        for (String line : lines("synonyms.tsv")) {
            String[] columns = line.split("\t");
            String canonical = columns[0].strip();
            for (String word : columns[1].split("\\|")) {
                if (word.strip().length() != 2 || canonical.length() != 2) {
                    throw new IllegalStateException("synonyms.tsv: Chinese synonyms are two characters: " + line);
                }
                synonyms.put(word.strip(), canonical);
            }
        }
        return new ClinicalLexicon(Map.copyOf(drugs), List.copyOf(english), List.copyOf(han), Map.copyOf(synonyms));
    }

    private static List<String> lines(String name) {
        try (InputStream in = ClinicalLexicon.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("lexicon missing from the build: " + name);
            }
            List<String> result = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        result.add(line.strip());
                    }
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drug mentions in a normalised text (see {@link ClinicalText}): canonical name with the span of
     * the mention. Longer names win over names they contain ("insulin glargine" over "insulin").
     */
    public List<Mention> findDrugs(String normalized) {
        List<Mention> found = new ArrayList<>();
        boolean[] taken = new boolean[normalized.length() + 1];
        for (String spelling : spellingsLongestFirst) {
            boolean han = containsHan(spelling);
            int from = 0;
            while (true) {
                int at = normalized.indexOf(spelling, from);
                if (at < 0) {
                    break;
                }
                int end = at + spelling.length();
                from = at + 1;
                if (!han && !wordBoundaries(normalized, at, end)) {
                    continue;
                }
                if (overlapsTaken(taken, at, end)) {
                    continue;
                }
                for (int i = at; i < end; i++) {
                    taken[i] = true;
                }
                found.add(new Mention(canonicalBySpelling.get(spelling), at, end));
            }
        }
        Matcher suffix = DRUG_SUFFIX.matcher(normalized);
        while (suffix.find()) {
            if (!overlapsTaken(taken, suffix.start(), suffix.end())) {
                found.add(new Mention(suffix.group(), suffix.start(), suffix.end()));
            }
        }
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    /** Canonical drug names mentioned in a normalised text. */
    public Set<String> drugNames(String normalized) {
        Set<String> names = new LinkedHashSet<>();
        findDrugs(normalized).forEach(m -> names.add(m.canonical()));
        return names;
    }

    /** Every spelling of every drug in the table, each once (English lower case, Chinese as written). */
    public List<String> allDrugSpellings() {
        return spellingsLongestFirst;
    }

    /** Every spelling of a canonical drug name (for display and matching across languages). */
    public List<String> spellings(String canonical) {
        return drugSpellings.getOrDefault(canonical, List.of(canonical));
    }

    /** The word a Chinese two-character word means the same as ("发烧" → "发热"), or the word itself. */
    public String hanBigram(String bigram) {
        return hanSynonyms.getOrDefault(bigram, bigram);
    }

    /** Distinct clinical cue words in a normalised text (for refusing non-clinical input). */
    public Set<String> clinicalCues(String normalized) {
        Set<String> cues = new LinkedHashSet<>();
        for (String cue : hanCues) {
            if (normalized.contains(cue)) {
                cues.add(cue);
            }
        }
        for (String cue : englishCues) {
            int at = normalized.indexOf(cue);
            while (at >= 0) {
                // Prefix match at a word start: "pain" counts in "painful", not in "spain".
                if (at == 0 || !Character.isLetterOrDigit(normalized.charAt(at - 1))) {
                    cues.add(cue);
                    break;
                }
                at = normalized.indexOf(cue, at + 1);
            }
        }
        return cues;
    }

    private static boolean overlapsTaken(boolean[] taken, int start, int end) {
        for (int i = start; i < end; i++) {
            if (taken[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordBoundaries(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }

    public static boolean containsHan(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isHan(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** A mention of a lexicon entry at [start, end) of a normalised text. */
    public record Mention(String canonical, int start, int end) {
    }
}
