package org.medscribe.clinical;

import java.util.OptionalDouble;

/**
 * Reads a number written in Chinese characters ({@code 三}, {@code 十五}, {@code 二十}, {@code 两},
 * {@code 一百零五}, {@code 一千二}, {@code 〇}, {@code 半}) or in digits ({@code 3}, {@code 0.5},
 * full-width {@code ３}). One reader for drafting and quality review alike.
 */
public final class ChineseNumerals {

    private static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumerals() {
    }

    /** The value of {@code numeral}, or empty when it is not a number (empty text, other characters). */
    public static OptionalDouble value(String numeral) {
        if (numeral == null || numeral.isBlank()) {
            return OptionalDouble.empty();
        }
        String text = numeral.strip();
        if (text.equals("半")) {
            return OptionalDouble.of(0.5);
        }
        if (isDecimal(text)) {
            return OptionalDouble.of(Double.parseDouble(asciiDigits(text)));
        }
        long total = 0;
        long current = 0;
        long lastUnit = 0;
        boolean digitSeen = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = digitOf(c);
            int unit = unitOf(c);
            if (digit >= 0) {
                current = digit;
                digitSeen = true;
            } else if (unit > 0) {
                if (lastUnit != 0 && unit >= lastUnit) {
                    return OptionalDouble.empty(); // 十百, 百百: not a number
                }
                total += (current == 0 && !digitSeen ? 1 : current) * unit;
                current = 0;
                digitSeen = false;
                lastUnit = unit;
            } else {
                return OptionalDouble.empty();
            }
        }
        // 一百五 and 两千三 are 150 and 2300 in speech: a trailing digit right after a unit counts one place down.
        boolean trailingAbbreviation = digitSeen && lastUnit >= 100 && text.length() >= 2
                && digitOf(text.charAt(text.length() - 1)) > 0 && unitOf(text.charAt(text.length() - 2)) == lastUnit;
        return OptionalDouble.of(total + (trailingAbbreviation ? current * lastUnit / 10 : current));
    }

    /** The value as a canonical string ("3", "0.5", "105"), or null when {@code numeral} is not a number. */
    public static String canonical(String numeral) {
        OptionalDouble v = value(numeral);
        if (v.isEmpty()) {
            return null;
        }
        double d = v.getAsDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** True for a character that may be part of a Chinese numeral. */
    public static boolean isNumeralChar(char c) {
        return digitOf(c) >= 0 || unitOf(c) > 0 || c == '半';
    }

    private static int digitOf(char c) {
        return switch (c) {
            case '〇' -> 0;
            case '两' -> 2;
            default -> DIGITS.indexOf(c);
        };
    }

    private static int unitOf(char c) {
        return switch (c) {
            case '十', '拾' -> 10;
            case '百', '佰' -> 100;
            case '千', '仟' -> 1000;
            default -> 0;
        };
    }

    private static boolean isDecimal(String text) {
        return asciiDigits(text).matches("[0-9]+(?:\\.[0-9]+)?");
    }

    private static String asciiDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c == '．' ? '.' : c);
        }
        return out.toString();
    }
}
