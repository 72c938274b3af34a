package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The language a record is written in (from its template) or a source is written in (detected). */
public enum RecordLanguage {
    EN("en"), ZH("zh");

    private final String code;

    RecordLanguage(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static RecordLanguage fromCode(String code) {
        for (RecordLanguage language : values()) {
            if (language.code.equalsIgnoreCase(code.trim())) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown record language: " + code);
    }

    public Locale locale() {
        return this == ZH ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
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
