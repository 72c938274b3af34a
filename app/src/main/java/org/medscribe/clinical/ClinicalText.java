package org.medscribe.clinical;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A piece of clinical text analysed for evidence checking: normalised (NFKC, so full-width and
 * half-width forms agree; lower case; Chinese punctuation mapped), cut into content terms (English
 * word stems, numbers, Chinese character bigrams) with their character offsets in the original
 * text, each marked whether it lies in the scope of a negation ("denies fever", "否认高血压").
 * Also: numbers (with "three days" and "三天" read as 3), laterality, drug names, and whether the
 * text is a bare yes/no answer. Immutable.
 */
public final class ClinicalText {

    /** Laterality mentioned in a text. */
    public enum Side { LEFT, RIGHT, BOTH }

    /**
     * A content term.
     *
     * @param key     word stem, canonical number or Chinese bigram
     * @param start   offset in the original text
     * @param end     offset after the term in the original text
     * @param negated inside the scope of a negation cue
     * @param kind    what the key is
     */
    public record Term(String key, int start, int end, boolean negated, Kind kind) {
        public enum Kind { WORD, NUMBER, HAN }

        /** True when two terms name the same thing: equal keys, or word stems sharing a long prefix. */
        public boolean sameAs(Term other) {
            if (kind != other.kind) {
                return false;
            }
            if (kind != Kind.WORD) {
                return key.equals(other.key);
            }
            return sameWord(key, other.key);
        }
    }

    private static final ClinicalWords WORDS = ClinicalWords.standard();
    private static final Set<String> STOP_WORDS = WORDS.set("stop_words");
    private static final Set<String> PRE_NEGATIONS = WORDS.set("negations_before");
    private static final Set<String> POST_NEGATIONS = WORDS.set("negations_after");
    private static final Set<String> SCOPE_BREAKERS = WORDS.set("negation_scope_breakers");
    private static final Set<String> AFFIRMATIONS = WORDS.set("affirmations");
    private static final Map<String, Integer> NUMBER_WORDS = WORDS.numbers("number_words");
    private static final Set<String> COUNTED_UNITS = WORDS.set("counted_units");
    private static final String HAN_NUMERALS = WORDS.characters("han_numerals");
    private static final String HAN_COUNTED = WORDS.characters("han_counted");
    private static final List<String> HAN_NEGATIONS = WORDS.list("han_negations");
    /** Words that contain a negation character but state that something is present. */
    private static final List<String> HAN_NOT_NEGATION = WORDS.list("han_not_negations");
    private static final Set<String> HAN_AFFIRMATIONS = WORDS.set("han_affirmations");
    private static final String HAN_SCOPE_BREAKERS = WORDS.characters("han_scope_breakers");
    private static final String HAN_PARTICLES = WORDS.characters("han_particles");
    private static final String HAN_FUNCTION = WORDS.characters("han_function_characters");
    private static final Set<String> HAN_STOP_BIGRAMS = WORDS.set("han_stop_bigrams");

    private final String original;
    private final String normalized;
    private final int[] origin;
    private final List<Term> terms;
    private final Set<Side> sides;
    private final List<ClinicalLexicon.Mention> drugs;
    private final boolean negationCue;
    private final boolean bareNegative;
    private final boolean bareAffirmative;

    private ClinicalText(String original, ClinicalLexicon lexicon) {
        this.original = original;
        StringBuilder out = new StringBuilder(original.length());
        List<Integer> map = new ArrayList<>(original.length() + 1);
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            String piece = normalizeCodePoint(cp);
            for (int k = 0; k < piece.length(); k++) {
                out.append(piece.charAt(k));
                map.add(i);
            }
            i += Character.charCount(cp);
        }
        map.add(original.length());
        this.normalized = out.toString();
        this.origin = map.stream().mapToInt(Integer::intValue).toArray();
        List<ClinicalLexicon.Mention> drugMentions = lexicon.findDrugs(normalized);
        Analysis analysis = new Analysis(lexicon, drugMentions);
        analysis.run();
        this.terms = List.copyOf(analysis.terms);
        this.sides = Collections.unmodifiableSet(analysis.sides);
        this.negationCue = analysis.cues > 0;
        boolean noContent = terms.stream().noneMatch(t -> t.kind() != Term.Kind.NUMBER);
        this.bareNegative = noContent && negationCue;
        this.bareAffirmative = noContent && !negationCue && analysis.affirmations > 0;
        List<ClinicalLexicon.Mention> found = new ArrayList<>();
        for (ClinicalLexicon.Mention m : drugMentions) {
            found.add(new ClinicalLexicon.Mention(m.canonical(), origin[m.start()], origin[m.end()]));
        }
        this.drugs = List.copyOf(found);
    }

    public static ClinicalText analyse(String text) {
        return new ClinicalText(text, ClinicalLexicon.standard());
    }

    public static ClinicalText analyse(String text, ClinicalLexicon lexicon) {
        return new ClinicalText(text, lexicon);
    }

    /** NFKC, lower case, Chinese punctuation mapped to ASCII (、 to a space: it separates list items under one negation). */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.append(normalizeCodePoint(cp)));
        return out.toString();
    }

    private static String normalizeCodePoint(int cp) {
        switch (cp) {
            case '。': return ".";
            case '，': return ",";
            case '、': return " ";
            case '；': return ";";
            case '：': return ":";
            case '？': return "?";
            case '！': return "!";
            case '“': case '”': case '‘': case '’': case '「': case '」': case '《': case '》':
            case '（': case '）': case '【': case '】': case '〔': case '〕':
                return " ";
            case '～': case '〜': return "~";
            case '—': case '–': return "-";
            default:
                break;
        }
        String s = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        s = s.toLowerCase(Locale.ROOT);
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            clean.append(Character.isWhitespace(c) || Character.isISOControl(c) ? ' ' : c);
        }
        return clean.toString();
    }

    public String original() {
        return original;
    }

    public String normalized() {
        return normalized;
    }

    /** Content terms in text order (stop words and negation cues excluded). */
    public List<Term> terms() {
        return terms;
    }

    /** Canonical numbers in the text ("38.5", "3" for "three days" / "三天"). */
    public Set<String> numbers() {
        Set<String> numbers = new LinkedHashSet<>();
        terms.stream().filter(t -> t.kind() == Term.Kind.NUMBER).forEach(t -> numbers.add(t.key()));
        return numbers;
    }

    public Set<Side> sides() {
        return sides;
    }

    /** Drug mentions with offsets in the original text. */
    public List<ClinicalLexicon.Mention> drugs() {
        return drugs;
    }

    public Set<String> drugNames() {
        Set<String> names = new LinkedHashSet<>();
        drugs.forEach(d -> names.add(d.canonical()));
        return names;
    }

    public boolean hasNegationCue() {
        return negationCue;
    }

    /** A bare "no" / "没有" answer: a negation and nothing else. */
    public boolean isBareNegative() {
        return bareNegative;
    }

    /** A bare "yes" / "有" answer. */
    public boolean isBareAffirmative() {
        return bareAffirmative;
    }

    /** Offset in the original text of a normalised offset. */
    public int originalOffset(int normalizedOffset) {
        return origin[normalizedOffset];
    }

    /** Light stemming that makes "fatigued"/"fatigue", "coughing"/"cough", "weeks"/"week" agree. */
    static String stem(String word) {
        String w = word;
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 5 && w.endsWith("ing")) {
            w = w.substring(0, w.length() - 3);
        } else if (w.length() > 4 && w.endsWith("ed")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 4 && w.endsWith("es")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() > 4 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    static boolean sameWord(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (shorter.length() < 5) {
            return false;
        }
        int common = 0;
        while (common < shorter.length() && shorter.charAt(common) == longer.charAt(common)) {
            common++;
        }
        return common == shorter.length() || common >= 7;
    }

    public static String canonicalNumber(String digits) {
        String s = digits;
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        s = s.replaceFirst("^0+(?=\\d)", "");
        return s.isEmpty() ? "0" : s;
    }

    /** The tokeniser: one pass over the normalised text. */
    private final class Analysis {
        final ClinicalLexicon lexicon;
        /** Normalised offsets inside a drug name: the 左 of 左氧氟沙星 (levofloxacin) is no side. */
        final boolean[] inDrugName;
        final List<Term> terms = new ArrayList<>();
        final Set<Side> sides = EnumSet.noneOf(Side.class);
        int cues;
        int affirmations;
        /** Remaining words under an English negation; -1 when none is open. */
        int negationWordsLeft = -1;
        /** Index of the first term of the current clause (for post-negations like "fever absent"). */
        int clauseStart;

        Analysis(ClinicalLexicon lexicon, List<ClinicalLexicon.Mention> drugMentions) {
            this.lexicon = lexicon;
            this.inDrugName = new boolean[normalized.length()];
            for (ClinicalLexicon.Mention m : drugMentions) {
                Arrays.fill(inDrugName, m.start(), m.end(), true);
            }
        }

        void run() {
            String s = normalized;
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (ClinicalLexicon.isHan(c)) {
                    int end = i;
                    while (end < s.length() && ClinicalLexicon.isHan(s.charAt(end))) {
                        end++;
                    }
                    hanRun(i, end);
                    i = end;
                } else if (Character.isDigit(c)) {
                    int end = i;
                    while (end < s.length() && (Character.isDigit(s.charAt(end))
                            || (s.charAt(end) == '.' && end + 1 < s.length() && Character.isDigit(s.charAt(end + 1))))) {
                        end++;
                    }
                    addTerm(canonicalNumber(s.substring(i, end)), i, end, Term.Kind.NUMBER, negationWordsLeft >= 0);
                    i = end;
                } else if (Character.isLetter(c)) {
                    int end = i;
                    while (end < s.length() && (Character.isLetter(s.charAt(end)) && !ClinicalLexicon.isHan(s.charAt(end))
                            || (s.charAt(end) == '\'' || s.charAt(end) == '-') && end + 1 < s.length()
                            && Character.isLetter(s.charAt(end + 1)))) {
                        end++;
                    }
                    word(s.substring(i, end), i, end);
                    i = end;
                } else {
                    if (c == '\'' && s.startsWith("'t", i) && i > 0 && s.charAt(i - 1) == 'n') {
                        // "do n't" as tokenised in transcripts
                        openNegation();
                    }
                    if (".,;:!?".indexOf(c) >= 0) {
                        closeClause();
                    }
                    i++;
                }
            }
        }

        void word(String raw, int start, int end) {
            String w = raw.replace("'", "");
            if (w.endsWith("nt") && raw.endsWith("n't")) {
                openNegation();
                w = w.substring(0, w.length() - 2);
                if (w.isEmpty()) {
                    return;
                }
            }
            if (w.equals("n") && raw.equals("n")) {
                return;
            }
            switch (w) {
                case "left" -> sides.add(Side.LEFT);
                case "right" -> sides.add(Side.RIGHT);
                case "bilateral", "bilaterally" -> sides.add(Side.BOTH);
                default -> { }
            }
            if (AFFIRMATIONS.contains(w)) {
                affirmations++;
            }
            if (POST_NEGATIONS.contains(w) && isClauseEnd(end)) {
                cues++;
                for (int k = clauseStart; k < terms.size(); k++) {
                    Term t = terms.get(k);
                    terms.set(k, new Term(t.key(), t.start(), t.end(), true, t.kind()));
                }
                return;
            }
            if (PRE_NEGATIONS.contains(w)) {
                openNegation();
                return;
            }
            if (SCOPE_BREAKERS.contains(w)) {
                negationWordsLeft = -1;
            }
            Integer count = NUMBER_WORDS.get(w);
            if (count != null && countedUnitFollows(end)) {
                addTerm(Integer.toString(count), start, end, Term.Kind.NUMBER, negationWordsLeft >= 0);
                return;
            }
            if (STOP_WORDS.contains(w) || w.length() < 2) {
                return;
            }
            boolean negated = negationWordsLeft >= 0;
            if (negationWordsLeft > 0) {
                negationWordsLeft--;
            } else if (negationWordsLeft == 0) {
                negationWordsLeft = -1;
            }
            for (String part : w.split("-")) {
                if (!part.isEmpty() && !STOP_WORDS.contains(part)) {
                    addTerm(stem(part), start, end, Term.Kind.WORD, negated);
                }
            }
        }

        boolean countedUnitFollows(int from) {
            String s = normalized;
            int i = from;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '-')) {
                i++;
            }
            int end = i;
            while (end < s.length() && Character.isLetter(s.charAt(end)) && !ClinicalLexicon.isHan(s.charAt(end))) {
                end++;
            }
            if (end == i) {
                return false;
            }
            String next = stem(s.substring(i, end));
            if (next.equals("of") || next.equals("and")) {
                return false;
            }
            return COUNTED_UNITS.contains(next) || COUNTED_UNITS.contains(s.substring(i, end));
        }

        boolean isClauseEnd(int from) {
            for (int i = from; i < normalized.length(); i++) {
                char c = normalized.charAt(i);
                if (".,;:!?".indexOf(c) >= 0) {
                    return true;
                }
                if (!Character.isWhitespace(c)) {
                    return false;
                }
            }
            return true;
        }

        void openNegation() {
            cues++;
            negationWordsLeft = 8;
        }

        void closeClause() {
            negationWordsLeft = -1;
            clauseStart = terms.size();
        }

        void hanRun(int start, int end) {
            String run = normalized.substring(start, end);
            boolean[] negated = new boolean[run.length()];
            boolean[] cue = new boolean[run.length()];
            boolean inheritedNegation = negationWordsLeft >= 0;
            for (int k = 0; k < run.length(); k++) {
                negated[k] = inheritedNegation;
            }
            for (int k = 0; k < run.length(); k++) {
                String neg = negationAt(run, k);
                if (neg == null) {
                    if (HAN_SCOPE_BREAKERS.indexOf(run.charAt(k)) >= 0) {
                        for (int m = k; m < run.length(); m++) {
                            negated[m] = false;
                        }
                    }
                    continue;
                }
                cues++;
                for (int m = k; m < k + neg.length(); m++) {
                    cue[m] = true;
                }
                for (int m = k + neg.length(); m < run.length() && m < k + neg.length() + 20; m++) {
                    if (HAN_SCOPE_BREAKERS.indexOf(run.charAt(m)) >= 0) {
                        break;
                    }
                    negated[m] = true;
                }
                k += neg.length() - 1;
            }
            if (HAN_AFFIRMATIONS.contains(stripParticles(run))) {
                affirmations++;
            }
            // Laterality: 左/右 (not 左右, "about", nor inside a drug name), 双 before a body part.
            for (int k = 0; k < run.length(); k++) {
                char c = run.charAt(k);
                if (inDrugName[start + k]) {
                    continue;
                }
                boolean pairLeftRight = run.startsWith("左右", k) || (k > 0 && run.startsWith("左右", k - 1));
                if (c == '左' && !pairLeftRight) {
                    sides.add(Side.LEFT);
                } else if (c == '右' && !pairLeftRight) {
                    sides.add(Side.RIGHT);
                } else if (c == '双' && k + 1 < run.length() && "侧下上眼肺耳膝手足腿肾乳".indexOf(run.charAt(k + 1)) >= 0) {
                    sides.add(Side.BOTH);
                }
            }
            // Numbers written in Chinese before a counted unit: 三天, 两周, 每日三次.
            for (int k = 0; k < run.length(); k++) {
                if (HAN_NUMERALS.indexOf(run.charAt(k)) < 0) {
                    continue;
                }
                int m = k;
                while (m < run.length() && HAN_NUMERALS.indexOf(run.charAt(m)) >= 0) {
                    m++;
                }
                if (m < run.length() && HAN_COUNTED.indexOf(run.charAt(m)) >= 0) {
                    String value = ChineseNumerals.canonical(run.substring(k, m));
                    if (value != null) {
                        addTerm(value, start + k, start + m, Term.Kind.NUMBER, negated[k]);
                    }
                }
                k = m;
            }
            if (run.length() == 1) {
                if (!cue[0] && HAN_PARTICLES.indexOf(run.charAt(0)) < 0 && HAN_FUNCTION.indexOf(run.charAt(0)) < 0) {
                    addTerm(run, start, end, Term.Kind.HAN, negated[0]);
                }
            } else {
                for (int k = 0; k + 1 < run.length(); k++) {
                    if (cue[k] && cue[k + 1]) {
                        continue;
                    }
                    String bigram = run.substring(k, k + 2);
                    if (isStopBigram(bigram)) {
                        continue;
                    }
                    addTerm(lexicon.hanBigram(bigram), start + k, start + k + 2, Term.Kind.HAN, negated[k + 1]);
                }
            }
            // A negation opened at the end of a run carries over "无 38.5 度" style mixes until punctuation.
            if (negated[run.length() - 1] || cue[run.length() - 1]) {
                negationWordsLeft = 4;
            } else if (negationWordsLeft >= 0) {
                negationWordsLeft = -1;
            }
        }

        String negationAt(String run, int k) {
            for (String exception : HAN_NOT_NEGATION) {
                if (run.startsWith(exception, k)) {
                    return null;
                }
                // "乏力" style: the negation char is the second of the exception word
                int idx = exception.indexOf(run.charAt(k));
                if (idx > 0 && k - idx >= 0 && run.startsWith(exception, k - idx)) {
                    return null;
                }
            }
            for (String negation : HAN_NEGATIONS) {
                if (run.startsWith(negation, k)) {
                    return negation;
                }
            }
            return null;
        }

        boolean isStopBigram(String bigram) {
            if (HAN_STOP_BIGRAMS.contains(bigram)) {
                return true;
            }
            char a = bigram.charAt(0);
            char b = bigram.charAt(1);
            if (HAN_PARTICLES.indexOf(a) >= 0 || HAN_PARTICLES.indexOf(b) >= 0) {
                return true;
            }
            return HAN_FUNCTION.indexOf(a) >= 0 && HAN_FUNCTION.indexOf(b) >= 0;
        }

        String stripParticles(String run) {
            StringBuilder b = new StringBuilder();
            for (char c : run.toCharArray()) {
                if (HAN_PARTICLES.indexOf(c) < 0 || c == '嗯') {
                    b.append(c);
                }
            }
            return b.toString();
        }

        void addTerm(String key, int start, int end, Term.Kind kind, boolean negated) {
            terms.add(new Term(key, origin[start], origin[end], negated, kind));
        }
    }
}
