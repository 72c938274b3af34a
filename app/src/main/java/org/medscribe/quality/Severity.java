package org.medscribe.quality;

import java.util.Locale;

/**
 * How much a finding matters. Critical findings block signing (unless overridden with a reason);
 * major ones lower the score markedly; minor ones are advice.
 */
public enum Severity {
    CRITICAL, MAJOR, MINOR;

    /** The lower-case name used in rule packs and JSON. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromCode(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT));
    }
}
