package org.medscribe.clinical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds how long something has lasted in clinical text, in Chinese ({@code 3天}, {@code 三天},
 * {@code 2周}, {@code 半月}, {@code 1年余}, {@code 数小时}, {@code 十余天}, {@code 昨日}) and English
 * ({@code 3 days}, {@code two weeks}, {@code x3 days}, {@code a few hours}, {@code since yesterday}),
 * as a range of hours so that "半月" and "2周" can be compared. Dates ({@code 2024年}, {@code 3月5日}),
 * frequencies ({@code 每日3次}), ages ({@code 45-year-old}) and the future ({@code 3天后}) are not
 * durations.
 */
public final class Durations {

    /** A duration found at {@code span}, between {@code minHours} and {@code maxHours}. */
    public record Found(TextSpan span, double minHours, double maxHours) {

        public boolean agreesWith(Found other, double tolerance) {
            return minHours * (1 - tolerance) <= other.maxHours * (1 + tolerance)
                    && other.minHours * (1 - tolerance) <= maxHours * (1 + tolerance);
        }
    }

    private static final double HOUR = 1;
    private static final double DAY = 24;
    private static final double WEEK = 7 * DAY;
    private static final double MONTH = 30 * DAY;
    private static final double YEAR = 365 * DAY;

    private static final String ZH_NUMBER = "[0-9]+(?:\\.[0-9]+)?(?:\\s*[-~～至到]\\s*[0-9]+(?:\\.[0-9]+)?)?"
            + "|[零〇一二两三四五六七八九十百千]+|半|数|几|十几|十余|二十余";
    private static final Pattern ZH = Pattern.compile(
            "(?<![0-9.第每])(?<num>" + ZH_NUMBER + ")?\\s*(?<more>[余多+])?\\s*(?:个)?\\s*(?<half>半)?\\s*"
                    + "(?<unit>小时|钟头|分钟|天|日|周|星期|礼拜|月|年)(?<more2>余|多|\\+)?(?<half2>半)?(?<after>后|以后|之后)?");
    private static final Pattern ZH_RELATIVE = Pattern.compile("昨天|昨日|昨晚|昨夜|前天|前日|今晨|今早|今日|今天|今晚|上周|上月|去年");

    private static final String EN_NUMBER = "\\d+(?:\\.\\d+)?(?:\\s*(?:-|to)\\s*\\d+(?:\\.\\d+)?)?|an?|one|two|three|four|five|six"
            + "|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|a few|few|a couple of|couple of|couple"
            + "|many|multiple|half an?";
    private static final Pattern EN = Pattern.compile(
            "(?:(?<![\\w.])[x×]\\s*|(?<![\\w.]))(?<num>" + EN_NUMBER + ")(?<more>\\+)?[\\s-]*(?<unit>hours?|hrs?|minutes?|mins?|days?|weeks?|wks?"
                    + "|months?|mos?|years?|yrs?)\\b(?![\\s-]*old)(?<after>\\s+(?:later|from now))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EN_SHORT = Pattern.compile("(?<![\\w.])(?:x|×)?\\s*(?<num>\\d+)\\s*(?<unit>h|d|w|wk|mo|y|yr)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EN_RELATIVE = Pattern.compile(
            "\\b(?:yesterday|last night|overnight|this morning|this afternoon|this evening|today|last week|last month|last year"
                    + "|(?:for |over )?the (?:past|last) (?:day|night|week|month|year|few days|couple (?:of )?days|several days))\\b",
            Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /** Durations in {@code text} in text order; Chinese forms only when {@code chinese}. */
    public static List<Found> find(String text, boolean chinese) {
        List<Found> found = new ArrayList<>();
        if (chinese) {
            findChinese(text, found);
        }
        // Chinese records use English forms too ("x3d"), English records never use Chinese ones.
        findEnglish(text, found);
        found.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return found;
    }

    private static void findChinese(String text, List<Found> out) {
        Matcher m = ZH.matcher(text);
        while (m.find()) {
            String num = m.group("num");
            String unit = m.group("unit");
            boolean more = m.group("more") != null || m.group("more2") != null;
            boolean half = m.group("half") != null || m.group("half2") != null;
            if (m.group("after") != null) {
                continue;
            }
            if (num == null && !more && !half) {
                continue; // a bare 天 or 年 is not a duration
            }
            if (isDateOrFrequency(text, m, num, unit)) {
                continue;
            }
            double[] value = num == null ? new double[] {half ? 0 : 1, half ? 0 : 1} : number(num);
            if (value == null) {
                continue;
            }
            if (half) {
                value = new double[] {value[0] + 0.5, value[1] + 0.5};
                if ("半".equals(num)) {
                    value = new double[] {0.5, 0.5};
                }
            }
            double unitHours = switch (unit) {
                case "小时", "钟头" -> HOUR;
                case "分钟" -> HOUR / 60;
                case "天", "日" -> DAY;
                case "周", "星期", "礼拜" -> WEEK;
                case "月" -> MONTH;
                default -> YEAR;
            };
            double low = value[0];
            double high = value[1];
            if (more) {
                high = high + aboutStep(high);
            }
            out.add(new Found(new TextSpan(m.start(), m.end()), low * unitHours, high * unitHours));
        }
        Matcher r = ZH_RELATIVE.matcher(text);
        while (r.find()) {
            double[] hours = switch (r.group()) {
                case "昨天", "昨日", "昨晚", "昨夜" -> new double[] {12, 48};
                case "前天", "前日" -> new double[] {36, 72};
                case "上周" -> new double[] {4 * DAY, 14 * DAY};
                case "上月" -> new double[] {15 * DAY, 60 * DAY};
                case "去年" -> new double[] {4 * MONTH, 2 * YEAR};
                default -> new double[] {1, 24};
            };
            out.add(new Found(new TextSpan(r.start(), r.end()), hours[0], hours[1]));
        }
    }

    /** {@code 2024年}, {@code 3月5日}, {@code 每日3次}, {@code 一日三次} look like durations and are not. */
    private static boolean isDateOrFrequency(String text, Matcher m, String num, String unit) {
        String after = text.substring(m.end(), Math.min(text.length(), m.end() + 4));
        String before = text.substring(Math.max(0, m.start() - 2), m.start());
        if (unit.equals("年") && num != null && num.matches("[0-9]{3,4}")) {
            return true;
        }
        if (unit.equals("月") && after.matches("^\\s*[0-9一二三四五六七八九十]{1,3}\\s*[日号].*")) {
            return true;
        }
        if ((unit.equals("日") || unit.equals("号")) && before.endsWith("月")) {
            return true;
        }
        if ((unit.equals("日") || unit.equals("天")) && after.matches("^\\s*(?:[0-9一二两三四]\\s*次|各).*")) {
            return true;
        }
        return before.endsWith("/") || after.startsWith("/");
    }

    private static void findEnglish(String text, List<Found> out) {
        Matcher m = EN.matcher(text);
        while (m.find()) {
            if (m.group("after") != null) {
                continue;
            }
            double[] value = englishNumber(m.group("num").toLowerCase(Locale.ROOT));
            if (value == null) {
                continue;
            }
            double unit = englishUnit(m.group("unit").toLowerCase(Locale.ROOT));
            double high = m.group("more") != null ? value[1] + aboutStep(value[1]) : value[1];
            out.add(new Found(new TextSpan(m.start(), m.end()), value[0] * unit, high * unit));
        }
        Matcher s = EN_SHORT.matcher(text);
        while (s.find()) {
            double value = Double.parseDouble(s.group("num"));
            double unit = englishUnit(s.group("unit").toLowerCase(Locale.ROOT));
            out.add(new Found(new TextSpan(s.start(), s.end()), value * unit, value * unit));
        }
        Matcher r = EN_RELATIVE.matcher(text);
        while (r.find()) {
            String word = r.group().toLowerCase(Locale.ROOT);
            double[] hours;
            if (word.contains("yesterday") || word.contains("last night") || word.contains("overnight")) {
                hours = new double[] {8, 48};
            } else if (word.endsWith("week")) {
                hours = new double[] {4 * DAY, 14 * DAY};
            } else if (word.endsWith("month")) {
                hours = new double[] {15 * DAY, 60 * DAY};
            } else if (word.endsWith("year")) {
                hours = new double[] {6 * MONTH, 2 * YEAR};
            } else if (word.endsWith("days")) {
                hours = new double[] {2 * DAY, 9 * DAY};
            } else if (word.endsWith("day") || word.endsWith("night")) {
                hours = new double[] {12, 48};
            } else {
                hours = new double[] {1, 24};
            }
            out.add(new Found(new TextSpan(r.start(), r.end()), hours[0], hours[1]));
        }
    }

    /** How far "余/多/+" reaches: 1年余 up to 2 years, 2月余 up to 3 months, 十余天 up to 20 days. */
    private static double aboutStep(double value) {
        return value >= 10 ? Math.pow(10, Math.floor(Math.log10(value))) : Math.max(1, value * 0.5);
    }

    private static double englishUnit(String unit) {
        if (unit.startsWith("min")) {
            return HOUR / 60;
        }
        if (unit.startsWith("mo")) {
            return MONTH;
        }
        return switch (unit.charAt(0)) {
            case 'h' -> HOUR;
            case 'd' -> DAY;
            case 'w' -> WEEK;
            default -> YEAR;
        };
    }

    private static double[] englishNumber(String num) {
        if (num.matches("[0-9].*")) {
            return range(num.replace("to", "-"));
        }
        return switch (num) {
            case "a", "an", "one" -> new double[] {1, 1};
            case "two" -> new double[] {2, 2};
            case "three" -> new double[] {3, 3};
            case "four" -> new double[] {4, 4};
            case "five" -> new double[] {5, 5};
            case "six" -> new double[] {6, 6};
            case "seven" -> new double[] {7, 7};
            case "eight" -> new double[] {8, 8};
            case "nine" -> new double[] {9, 9};
            case "ten" -> new double[] {10, 10};
            case "eleven" -> new double[] {11, 11};
            case "twelve" -> new double[] {12, 12};
            case "fifteen" -> new double[] {15, 15};
            case "twenty" -> new double[] {20, 20};
            case "thirty" -> new double[] {30, 30};
            case "half a", "half an" -> new double[] {0.5, 0.5};
            case "a couple of", "couple of", "couple" -> new double[] {2, 3};
            default -> new double[] {2, 9}; // several, a few, many, multiple
        };
    }

    private static double[] number(String num) {
        if (num.matches("[0-9].*")) {
            return range(num.replaceAll("[~～至到]", "-"));
        }
        return switch (num) {
            case "半" -> new double[] {0.5, 0.5};
            case "数", "几" -> new double[] {2, 9};
            case "十几", "十余" -> new double[] {10, 19};
            case "二十余" -> new double[] {20, 29};
            default -> {
                OptionalDouble value = ChineseNumerals.value(num);
                yield value.isEmpty() ? null : new double[] {value.getAsDouble(), value.getAsDouble()};
            }
        };
    }

    private static double[] range(String num) {
        String[] parts = num.split("\\s*-\\s*");
        try {
            double low = Double.parseDouble(parts[0].strip());
            double high = parts.length > 1 ? Double.parseDouble(parts[1].strip()) : low;
            return new double[] {Math.min(low, high), Math.max(low, high)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
