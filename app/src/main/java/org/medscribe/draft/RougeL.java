package org.medscribe.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medscribe.clinical.ClinicalLexicon;
import org.medscribe.clinical.ClinicalText;

/**
 * ROUGE-L (longest common subsequence) F-measure between a draft and a reference note, over
 * lower-cased words for Latin text and single characters for Chinese. Used by evaluation only.
 */
public final class RougeL {

    private RougeL() {
    }

    /** F1 of LCS precision and recall; 0 when either side is empty. */
    public static double f1(String candidate, String reference) {
        List<String> c = tokens(candidate);
        List<String> r = tokens(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return 0;
        }
        int lcs = lcs(c, r);
        double precision = lcs / (double) c.size();
        double recall = lcs / (double) r.size();
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        String s = ClinicalText.normalize(text).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ClinicalLexicon.isHan(ch)) {
                flush(word, tokens);
                tokens.add(String.valueOf(ch));
            } else if (Character.isLetterOrDigit(ch)) {
                word.append(ch);
            } else {
                flush(word, tokens);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    private static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = a.get(i - 1).equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
