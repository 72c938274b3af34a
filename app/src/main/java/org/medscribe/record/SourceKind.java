package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a source came from; transcripts are split into utterances, the rest into sentences. The one
 * kind for drafting, the screens and the store (the store keeps every kind but {@link #ANSWERS}, which
 * live with the suggestions they answer).
 */
public enum SourceKind {
    /** A typed or pasted note. */
    NOTE,
    /** A doctor–patient conversation, one utterance per line ({@code [doctor] ...}, {@code 医生：...}). */
    TRANSCRIPT,
    /** The doctor's dictation, recognised on the workstation. */
    DICTATION,
    /** Text of an imported document (PDF, OCR). */
    DOCUMENT,
    /** The doctor's answers to follow-up questions. */
    ANSWERS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SourceKind fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
