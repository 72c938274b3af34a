package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The language a record is written in (from its template, not from the UI) or a source is written
 * in (detected).
 */
public enum RecordLanguage {
    EN("en", Locale.ENGLISH, Locale.ROOT),
    ZH("zh", Locale.SIMPLIFIED_CHINESE, Locale.SIMPLIFIED_CHINESE);

    private final String code;
    private final Locale locale;
    private final Locale bundleLocale;

    RecordLanguage(String code, Locale locale, Locale bundleLocale) {
        this.code = code;
        this.locale = locale;
        this.bundleLocale = bundleLocale;
    }

    /** The code used in record JSON ({@code en}, {@code zh}). */
    @JsonValue
    public String code() {
        return code;
    }

    /** {@code en}, {@code zh}, {@code zh-CN}, {@code en_US}…; throws when not recognised. */
    @JsonCreator
    public static RecordLanguage fromCode(String code) {
        RecordLanguage language = parse(code);
        if (language == null) {
            throw new IllegalArgumentException("unknown record language: " + code);
        }
        return language;
    }

    /** {@code en}, {@code zh}, {@code zh-CN}, {@code en_US}…; null when not recognised (or null). */
    public static RecordLanguage parse(String code) {
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

    /** The locale for formatting and line breaking in this language. */
    public Locale locale() {
        return locale;
    }

    /**
     * The locale of the message bundle that renders text in this language (English is the root
     * bundle, so a Chinese default locale cannot leak into an English record).
     */
    public Locale bundleLocale() {
        return bundleLocale;
    }

    /**
     * Chinese when Han characters make up at least a fifth of the letters: a Chinese note quoting a
     * few English drug names or lab codes is still Chinese, an English letter with a Chinese name is not.
     */
    public static RecordLanguage detect(CharSequence text) {
        int han = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
            } else if (Character.isLetter(cp)) {
                latin++;
            }
            i += Character.charCount(cp);
        }
        return han > 0 && han * 5 >= han + latin ? ZH : EN;
    }

    @Override
    public String toString() {
        return code;
    }
}
