package org.medscribe.inference;

/** Why a generation ended. */
public enum FinishReason {
    /** The model ended its answer (end-of-sequence, a stop string, or a completed grammar). */
    STOP,
    /** The request's token limit was reached; a schema-constrained answer is then incomplete. */
    LENGTH,
    /** The caller cancelled; the text so far is kept. */
    CANCELLED
}
