package org.medscribe.inference;

/**
 * The prompt plus the room reserved for the answer does not fit the context window. Never
 * truncated silently: the caller chunks the input or asks for a larger context.
 */
public final class ContextOverflowException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final int promptTokens;
    private final int maxTokens;
    private final int contextSize;

    public ContextOverflowException(int promptTokens, int maxTokens, int contextSize) {
        super(Category.BAD_INPUT, "engine.error.contextOverflow", promptTokens, maxTokens, contextSize);
        this.promptTokens = promptTokens;
        this.maxTokens = maxTokens;
        this.contextSize = contextSize;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int maxTokens() {
        return maxTokens;
    }

    public int contextSize() {
        return contextSize;
    }
}
