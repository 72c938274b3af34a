package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.clinical.TextSpan;

/**
 * A set of words or patterns from a lexicon, searched in a text. Literal words ignore case, and an
 * English one must start a word but may take any ending ({@code cough} finds {@code coughing}, not
 * {@code Spain} for {@code pain}); patterns are Java regexes matched ignoring case. Literals are
 * searched with {@code indexOf}, not a regex alternation: a lexicon of a few hundred drug names as
 * one case-insensitive alternation costs milliseconds per text. Immutable and thread-safe.
 */
final class TermSet {

    static final TermSet EMPTY = new TermSet(List.of(), List.of());

    private final List<Pattern> patterns;
    /** Lower-cased literal words. */
    private final List<String> literals;

    private TermSet(List<Pattern> patterns, List<String> literals) {
        this.patterns = List.copyOf(patterns);
        this.literals = List.copyOf(literals);
    }

    static TermSet regexes(List<String> expressions) {
        List<Pattern> patterns = new ArrayList<>();
        for (String expression : expressions) {
            patterns.add(Pattern.compile(expression, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return new TermSet(patterns, List.of());
    }

    static TermSet literals(List<String> terms) {
        List<String> lower = new ArrayList<>();
        for (String term : terms) {
            if (!term.isEmpty()) {
                lower.add(lowerCase(term));
            }
        }
        return new TermSet(List.of(), lower);
    }

    TermSet plus(TermSet other) {
        List<Pattern> allPatterns = new ArrayList<>(patterns);
        allPatterns.addAll(other.patterns);
        List<String> allLiterals = new ArrayList<>(literals);
        allLiterals.addAll(other.literals);
        return new TermSet(allPatterns, allLiterals);
    }

    boolean isEmpty() {
        return patterns.isEmpty() && literals.isEmpty();
    }

    boolean in(String text) {
        if (!literals.isEmpty()) {
            String lower = lowerCase(text);
            for (String literal : literals) {
                if (nextLiteral(lower, literal, 0) >= 0) {
                    return true;
                }
            }
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** Every match, in text order; overlapping matches are merged into one span. */
    List<TextSpan> find(String text) {
        List<TextSpan> spans = new ArrayList<>();
        if (!literals.isEmpty()) {
            String lower = lowerCase(text);
            for (String literal : literals) {
                for (int at = nextLiteral(lower, literal, 0); at >= 0; at = nextLiteral(lower, literal, at + 1)) {
                    spans.add(new TextSpan(at, at + literal.length()));
                }
            }
        }
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    spans.add(new TextSpan(m.start(), m.end()));
                }
            }
        }
        spans.sort(Comparator.comparingInt(TextSpan::start).thenComparing(Comparator.comparingInt(TextSpan::end).reversed()));
        List<TextSpan> merged = new ArrayList<>();
        for (TextSpan span : spans) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).end() > span.start()) {
                TextSpan last = merged.remove(merged.size() - 1);
                merged.add(new TextSpan(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /** The next occurrence of {@code literal} at or after {@code from} that starts a word if it is a Latin word. */
    private static int nextLiteral(String lower, String literal, int from) {
        boolean latin = isLatinLetter(literal.charAt(0));
        for (int at = lower.indexOf(literal, from); at >= 0; at = lower.indexOf(literal, at + 1)) {
            if (!latin || at == 0 || !isLatinLetter(lower.charAt(at - 1))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Lower case char by char, so offsets in the result are offsets in the original. */
    private static String lowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }
}
