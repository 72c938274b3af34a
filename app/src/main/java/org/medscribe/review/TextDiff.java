package org.medscribe.review;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a record's text, for reading side by side: English by word,
 * Chinese by character (each Han character is a token of its own, as a word is in English). The
 * longest common run of tokens stays; the rest is removed from the older text or added in the newer.
 * Stateless.
 */
public final class TextDiff {

    /** Beyond this many token pairs the middle is compared as one changed block (memory stays small). */
    private static final long MAX_CELLS = 16_000_000L;

    /** A run of text that is the same in both, only in the older one, or only in the newer one. */
    public enum Kind { SAME, REMOVED, ADDED }

    public record Piece(Kind kind, String text) {
    }

    private TextDiff() {
    }

    /** The changes from {@code before} to {@code after}, in reading order; adjacent pieces of a kind merged. */
    public static List<Piece> between(String before, String after) {
        List<String> a = tokens(before == null ? "" : before);
        List<String> b = tokens(after == null ? "" : after);
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        Pieces out = new Pieces();
        a.subList(0, start).forEach(token -> out.add(Kind.SAME, token));
        middle(a.subList(start, endA), b.subList(start, endB), out);
        a.subList(endA, a.size()).forEach(token -> out.add(Kind.SAME, token));
        return out.pieces;
    }

    private static void middle(List<String> a, List<String> b, Pieces out) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            a.forEach(token -> out.add(Kind.REMOVED, token));
            b.forEach(token -> out.add(Kind.ADDED, token));
            return;
        }
        // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(Kind.SAME, a.get(i++));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(Kind.REMOVED, a.get(i++));
            } else {
                out.add(Kind.ADDED, b.get(j++));
            }
        }
        while (i < n) {
            out.add(Kind.REMOVED, a.get(i++));
        }
        while (j < m) {
            out.add(Kind.ADDED, b.get(j++));
        }
    }

    /**
     * The text cut into what a reader compares: a word (letters and digits), a run of spaces, one
     * Han, kana or hangul character, or one other character (punctuation, a line break).
     */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            if (ideographic(cp)) {
                tokens.add(text.substring(i, end));
            } else if (Character.isLetterOrDigit(cp)) {
                while (end < text.length()) {
                    int next = text.codePointAt(end);
                    if (!Character.isLetterOrDigit(next) || ideographic(next)) {
                        break;
                    }
                    end += Character.charCount(next);
                }
                tokens.add(text.substring(i, end));
            } else if (cp == ' ' || cp == '\t') {
                while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                    end++;
                }
                tokens.add(text.substring(i, end));
            } else {
                tokens.add(text.substring(i, end));
            }
            i = end;
        }
        return tokens;
    }

    private static boolean ideographic(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** Collects tokens into pieces, joining a token to the previous piece of the same kind. */
    private static final class Pieces {
        final List<Piece> pieces = new ArrayList<>();

        void add(Kind kind, String token) {
            int last = pieces.size() - 1;
            if (last >= 0 && pieces.get(last).kind() == kind) {
                pieces.set(last, new Piece(kind, pieces.get(last).text() + token));
            } else {
                pieces.add(new Piece(kind, token));
            }
        }
    }
}
