package org.medscribe.diagnosis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A diagnosis's likelihood band (message key {@code diagnosis.likelihood.<wire name>}). */
public enum Likelihood {
    HIGH("diagnosis.likelihood.high"), MODERATE("diagnosis.likelihood.moderate"), LOW("diagnosis.likelihood.low");

    private final String messageKey;

    Likelihood(String messageKey) {
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Likelihood fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
