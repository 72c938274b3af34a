package org.medscribe.quality;

import java.util.Locale;

/** What produced a finding: deterministic code (a rule) or the language model (unverified judgement). */
public enum FindingSource {
    RULE, MODEL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
