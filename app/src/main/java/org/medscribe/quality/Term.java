package org.medscribe.quality;

import java.util.Locale;
import java.util.Objects;

/**
 * A word of the rule packs (a vital sign, a diagnosis group) in both record languages, used as a
 * message argument so that one finding renders correctly in English and in Chinese. Never patient
 * text.
 */
public record Term(String en, String zh) {

    public Term {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(zh, "zh");
    }

    /** The word for a bundle's language. */
    public String in(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? zh : en;
    }

    @Override
    public String toString() {
        return en;
    }
}
