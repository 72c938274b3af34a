package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits text into sentences or clauses, keeping offsets; the unit most clinical negations scope over. */
final class Clauses {

    private static final String SENTENCE_ENDS = "。！？；;\n!?";
    private static final String CLAUSE_ENDS = SENTENCE_ENDS + "，,、";

    private Clauses() {
    }

    static List<TextSpan> sentences(String text) {
        return split(text, SENTENCE_ENDS, true);
    }

    static List<TextSpan> clauses(String text) {
        return split(text, CLAUSE_ENDS, true);
    }

    private static List<TextSpan> split(String text, String ends, boolean fullStops) {
        List<TextSpan> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = ends.indexOf(c) >= 0
                    || (fullStops && c == '.' && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)))
                    && !(i >= 2 && text.charAt(i - 2) == '.'));
            if (end) {
                add(out, text, start, i);
                start = i + 1;
            }
        }
        add(out, text, start, text.length());
        return out;
    }

    private static void add(List<TextSpan> out, String text, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (e > s) {
            out.add(new TextSpan(s, e));
        }
    }

    /** True when {@code c} separates clauses inside a sentence. */
    static boolean isClauseSeparator(char c) {
        return c == '，' || c == ',' || c == '、';
    }
}
