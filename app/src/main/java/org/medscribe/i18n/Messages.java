package org.medscribe.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import org.medscribe.common.MedScribeException;

/**
 * The user-facing strings of one UI language. English is the root bundle ({@code messages.properties},
 * loaded with {@link Locale#ROOT} so a Chinese OS still gets English when asked), Simplified Chinese
 * is {@code messages_zh_CN.properties}.
 */
public final class Messages {

    public static final String BUNDLE = "org.medscribe.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(Locale locale) {
        this.locale = Objects.requireNonNull(locale, "locale");
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** English or Chinese, from the JVM's default locale (used by the command line). */
    public static Messages forDefaultLocale() {
        Locale def = Locale.getDefault();
        return new Messages("zh".equals(def.getLanguage()) ? CHINESE : Locale.ROOT);
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The string for {@code key} with {@code arguments} filled in; the key itself if it is missing. */
    public String get(String key, Object... arguments) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException missing) {
            return key;
        }
        // Always through MessageFormat, so an apostrophe is written '' in every pattern alike.
        return new MessageFormat(pattern, locale).format(arguments);
    }

    public String describe(MedScribeException failure) {
        return get(failure.messageKey(), failure.arguments());
    }
}
