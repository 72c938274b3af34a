package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of words or patterns from a lexicon, searched in a text. English literals match at a word
 * start and take any ending ({@code cough} finds {@code coughing}); every match ignores case.
 * Immutable and thread-safe.
 */
final class TermSet {

    static final TermSet EMPTY = new TermSet(List.of());

    private final List<Pattern> patterns;

    private TermSet(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    static TermSet regexes(List<String> expressions) {
        List<Pattern> patterns = new ArrayList<>();
        for (String expression : expressions) {
            patterns.add(Pattern.compile(expression, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return new TermSet(patterns);
    }

    static TermSet literals(List<String> terms) {
        if (terms.isEmpty()) {
            return EMPTY;
        }
        List<String> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternation = new StringBuilder();
        for (String term : sorted) {
            if (alternation.length() > 0) {
                alternation.append('|');
            }
            String quoted = Pattern.quote(term);
            // A Latin word must start at a word boundary: "pain" is not inside "Spain".
            alternation.append(Character.isLetter(term.charAt(0)) && term.charAt(0) < 0x250
                    ? "(?<![A-Za-z])" + quoted : quoted);
        }
        return new TermSet(List.of(Pattern.compile(alternation.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    TermSet plus(TermSet other) {
        List<Pattern> all = new ArrayList<>(patterns);
        all.addAll(other.patterns);
        return new TermSet(all);
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean in(String text) {
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
}
