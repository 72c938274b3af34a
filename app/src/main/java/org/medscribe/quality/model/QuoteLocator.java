package org.medscribe.quality.model;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import org.medscribe.clinical.TextSpan;

/**
 * Finds a model's quote in the record's text although the model may have changed spacing,
 * punctuation, case or full/half-width forms (NFKC), and maps it back to the original offsets.
 */
final class QuoteLocator {

    /** A quote shorter than this (after normalising) matches too easily to prove anything. */
    static final int MIN_QUOTE = 4;

    private QuoteLocator() {
    }

    static Optional<TextSpan> locate(String text, String quote) {
        String needle = normalize(quote, null);
        if (needle.length() < MIN_QUOTE) {
            return Optional.empty();
        }
        int[] origin = new int[text.length() * 4 + 4];
        String haystack = normalize(text, origin);
        int at = haystack.indexOf(needle);
        if (at < 0 || at + needle.length() > origin.length) {
            return Optional.empty();
        }
        int start = origin[at];
        int end = origin[at + needle.length() - 1] + 1;
        return Optional.of(new TextSpan(start, Math.min(end, text.length())));
    }

    /**
     * Letters and digits only, NFKC-folded and lower-cased. {@code origin[i]} receives the offset in
     * {@code text} of normalised character {@code i}.
     */
    static String normalize(String text, int[] origin) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String folded = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC)
                    .toLowerCase(Locale.ROOT);
            for (int k = 0; k < folded.length(); k++) {
                char c = folded.charAt(k);
                if (Character.isLetterOrDigit(c)) {
                    if (origin != null && out.length() < origin.length) {
                        origin[out.length()] = i;
                    }
                    out.append(c);
                }
            }
            i += width;
        }
        return out.toString();
    }
}
