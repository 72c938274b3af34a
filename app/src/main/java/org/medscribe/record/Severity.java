package org.medscribe.record;

import java.util.Locale;

/**
 * How much a quality finding on a record matters. Critical findings block signing (unless overridden
 * with a reason); major ones lower the score markedly; minor ones are advice. The one scale for rule
 * packs, the QC report, the screens and the store (which keeps the names).
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
