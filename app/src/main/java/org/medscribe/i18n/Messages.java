package org.medscribe.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.common.MedScribeException;

/**
 * The user-facing strings of one UI language. English is the root bundle ({@code messages.properties},
 * loaded with {@link Locale#ROOT} so a Chinese OS still gets English when asked), Simplified Chinese
 * is {@code messages_zh_CN.properties}.
 */
public final class Messages {

    public static final String BUNDLE = "org.medscribe.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

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
        if ("zh".equals(locale.getLanguage())) {
            pattern = withoutSpacesAroundChineseWords(pattern, arguments);
        }
        // Always through MessageFormat, so an apostrophe is written '' in every pattern alike.
        return new MessageFormat(pattern, locale).format(arguments);
    }

    /**
     * A Chinese pattern sets a placeholder off with spaces for the numbers and Latin words it usually
     * takes ("数值 {0} 不在资料中"); a Chinese word put there runs on without them ("药物头孢克肟不在资料中").
     */
    static String withoutSpacesAroundChineseWords(String pattern, Object... arguments) {
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder(pattern.length());
        int copied = 0;
        while (placeholder.find()) {
            int index = Integer.parseInt(placeholder.group(1));
            String argument = arguments != null && index < arguments.length && arguments[index] instanceof CharSequence text
                    ? text.toString() : "";
            int start = placeholder.start();
            int end = placeholder.end();
            boolean joinBefore = !argument.isEmpty() && chinese(argument.codePointAt(0))
                    && start >= 2 && pattern.charAt(start - 1) == ' ' && chinese(pattern.codePointBefore(start - 1));
            boolean joinAfter = !argument.isEmpty() && chinese(argument.codePointBefore(argument.length()))
                    && end + 1 < pattern.length() && pattern.charAt(end) == ' ' && chinese(pattern.codePointAt(end + 1));
            out.append(pattern, copied, joinBefore ? start - 1 : start).append(placeholder.group());
            copied = joinAfter ? end + 1 : end;
        }
        return out.append(pattern, copied, pattern.length()).toString();
    }

    private static boolean chinese(int codePoint) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    /** The string for {@code key}, or {@code fallback} when the bundle has no such key. */
    public String getOrDefault(String key, String fallback) {
        return bundle.containsKey(key) ? get(key) : fallback;
    }

    public String describe(MedScribeException failure) {
        return get(failure.messageKey(), failure.arguments());
    }
}
