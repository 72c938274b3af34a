package org.medscribe.draft;

/**
 * How many tokens the model spends on generated text, for turning a schema's character bounds
 * into a token bound.
 *
 * @param tokensPerChar        tokens per character of free text in the answer's language
 * @param tokensPerSpace       tokens the model may spend in each place the JSON grammar allows
 *                             whitespace (pretty-printing models and random weights use them)
 */
public record TokenCost(double tokensPerChar, double tokensPerSpace) {

    /** Margin over the measured tokens per character of the sources: facts are denser than speech. */
    public static final double TEXT_MARGIN = 1.25;
    /** A model tokenises nothing below this rate (long words are still several characters a token). */
    public static final double MIN_TOKENS_PER_CHAR = 0.3;

    public TokenCost {
        if (!(tokensPerChar > 0) || tokensPerSpace < 0) {
            throw new IllegalArgumentException("token costs must be positive");
        }
    }

    /**
     * The cost for a model whose tokenizer turned {@code chars} characters of the sources into
     * {@code tokens} tokens: the answer is written in the sources' language, so their rate with a
     * margin bounds its free text.
     */
    public static TokenCost measured(int tokens, int chars) {
        double rate = chars == 0 ? 1 : tokens / (double) chars;
        return new TokenCost(Math.min(4, Math.max(MIN_TOKENS_PER_CHAR, rate * TEXT_MARGIN)), 1);
    }
}
