package org.medscribe.quality.model;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.quality.SourceText;

/** Splits sources into numbered segments: sentences, and lines of a transcript. */
final class SourceSegments {

    /** A sentence longer than this is cut, so that one citation never stands for a whole page. */
    static final int MAX_SEGMENT = 400;

    private SourceSegments() {
    }

    static List<SourceSegment> of(List<SourceText> sources) {
        List<SourceSegment> out = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            SourceText source = sources.get(s);
            String text = source.text();
            String prefix = "s" + (s + 1) + ".";
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (isBoundary(text, i)) {
                    add(out, source.id(), prefix, text, start, i + 1);
                    start = i + 1;
                } else if (i - start >= MAX_SEGMENT) {
                    add(out, source.id(), prefix, text, start, i);
                    start = i;
                }
            }
            add(out, source.id(), prefix, text, start, text.length());
        }
        return out;
    }

    private static void add(List<SourceSegment> out, String sourceId, String prefix, String text, int start, int end) {
        int a = start;
        int b = end;
        while (a < b && Character.isWhitespace(text.charAt(a))) {
            a++;
        }
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        if (b > a) {
            long number = out.stream().filter(x -> x.id().startsWith(prefix)).count() + 1;
            out.add(new SourceSegment(prefix + number, sourceId, a, b, text.substring(a, b)));
        }
    }

    private static boolean isBoundary(String text, int i) {
        char c = text.charAt(i);
        return switch (c) {
            case '。', '！', '？', '；', '\n', '!', '?', ';' -> true;
            case '.' -> (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)))
                    && !(i >= 2 && text.charAt(i - 2) == '.');
            default -> false;
        };
    }
}
