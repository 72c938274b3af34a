package org.medscribe.quality;

import java.util.ArrayList;
import java.util.List;

/** Splits text the doctor wrote into sentences, keeping their offsets. */
final class Sentences {

    private Sentences() {
    }

    static List<ReviewedStatement> statementsOf(String text) {
        List<ReviewedStatement> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isBoundary(text, i)) {
                add(out, text, start, i + 1);
                start = i + 1;
            }
        }
        add(out, text, start, text.length());
        return out;
    }

    private static boolean isBoundary(String text, int i) {
        char c = text.charAt(i);
        return switch (c) {
            case '。', '！', '？', '；', '\n', '!', '?', ';' -> true;
            // A full stop ends an English sentence unless it sits inside a number (0.5 g) or an abbreviation (p.o.).
            case '.' -> (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)))
                    && !(i >= 2 && text.charAt(i - 2) == '.');
            default -> false;
        };
    }

    private static void add(List<ReviewedStatement> out, String text, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (e > s) {
            out.add(new ReviewedStatement(text.substring(s, e), s, e, null, null, List.of()));
        }
    }
}
