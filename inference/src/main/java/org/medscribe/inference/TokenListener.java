package org.medscribe.inference;

/**
 * Receives generated text as it streams. Called on the engine's thread, once per token piece;
 * a UI buffers the pieces and draws at most once per frame.
 */
@FunctionalInterface
public interface TokenListener {

    TokenListener NONE = piece -> { };

    void onToken(String piece);
}
