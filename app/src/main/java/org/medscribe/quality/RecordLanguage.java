package org.medscribe.quality;

import java.util.Locale;

/** The language a record is written in; it follows the template, not the UI. */
public enum RecordLanguage {
    EN("en", Locale.ROOT),
    ZH("zh", Locale.SIMPLIFIED_CHINESE);

    private final String code;
    private final Locale bundleLocale;

    RecordLanguage(String code, Locale bundleLocale) {
        this.code = code;
        this.bundleLocale = bundleLocale;
    }

    /** The code used in record JSON ({@code en}, {@code zh}). */
    public String code() {
        return code;
    }

    /** The locale of the message bundle that renders text in this language. */
    public Locale bundleLocale() {
        return bundleLocale;
    }

    /** {@code en}, {@code zh}, {@code zh-CN}, {@code en_US}…; null when not recognised. */
    public static RecordLanguage fromCode(String code) {
        if (code == null) {
            return null;
        }
        String lower = code.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("zh") || lower.startsWith("zh-") || lower.startsWith("zh_")) {
            return ZH;
        }
        if (lower.equals("en") || lower.startsWith("en-") || lower.startsWith("en_")) {
            return EN;
        }
        return null;
    }
}
