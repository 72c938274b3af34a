package org.medscribe.clinical;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits clinical text into sentences or clauses, keeping offsets. A full stop ends an English
 * sentence unless it sits inside a number (0.5 g) or an abbreviation (p.o.). Clauses are the unit
 * most clinical negations scope over ("对青霉素过敏，否认其他病史").
 */
public final class Sentences {

    private static final String SENTENCE_ENDS = "。！？；;\n!?";
    private static final String CLAUSE_SEPARATORS = "，,、";

    private Sentences() {
    }

    /** Sentences without their closing mark, trimmed. */
    public static List<TextSpan> sentences(String text) {
        return split(text, false, false);
    }

    /** Sentences with their closing mark, trimmed: what a doctor reads as one statement. */
    public static List<TextSpan> sentencesWithEnds(String text) {
        return split(text, false, true);
    }

    /** Clauses (sentences cut again at commas and 、) without their closing mark, trimmed. */
    public static List<TextSpan> clauses(String text) {
        return split(text, true, false);
    }

    /** True when {@code c} separates clauses inside a sentence. */
    public static boolean isClauseSeparator(char c) {
        return CLAUSE_SEPARATORS.indexOf(c) >= 0;
    }

    private static List<TextSpan> split(String text, boolean clauses, boolean keepEnd) {
        List<TextSpan> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = SENTENCE_ENDS.indexOf(c) >= 0 || (clauses && isClauseSeparator(c))
                    || (c == '.' && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)))
                    && !(i >= 2 && text.charAt(i - 2) == '.'));
            if (end) {
                add(out, text, start, keepEnd ? i + 1 : i);
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
}
