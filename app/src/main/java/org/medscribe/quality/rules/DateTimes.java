package org.medscribe.quality.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.clinical.TextSpan;

/**
 * Finds dates and times that cannot exist: {@code 2024-13-05}, {@code 2023/02/29},
 * {@code 2024年2月30日}, {@code 25:10}, {@code 14:75}, {@code 14时75分}, a year before 1900 or after
 * 2100. An English {@code 05/13/2024} is accepted when either the month/day or the day/month
 * reading is a real date.
 */
final class DateTimes {

    private static final Pattern ISO = Pattern.compile(
            "(?<![0-9])(?<y>[0-9]{4})\\s*[-/.]\\s*(?<m>[0-9]{1,2})\\s*[-/.]\\s*(?<d>[0-9]{1,2})(?![0-9])");
    private static final Pattern CHINESE = Pattern.compile(
            "(?<![0-9])(?<y>[0-9]{4})\\s*年\\s*(?<m>[0-9]{1,2})\\s*月\\s*(?<d>[0-9]{1,2})\\s*[日号]");
    private static final Pattern CHINESE_MONTH = Pattern.compile("(?<![0-9])(?<y>[0-9]{4})\\s*年\\s*(?<m>[0-9]{1,2})\\s*月(?!\\s*[0-9])");
    private static final Pattern SLASHED = Pattern.compile(
            "(?<![0-9/])(?<a>[0-9]{1,2})/(?<b>[0-9]{1,2})/(?<y>[0-9]{4})(?![0-9])");
    private static final Pattern CLOCK = Pattern.compile(
            "(?<![0-9:.])(?<h>[0-9]{1,2}):(?<min>[0-9]{2})(?::(?<s>[0-9]{2}))?(?![0-9:])");
    private static final Pattern CHINESE_CLOCK = Pattern.compile(
            "(?<![0-9])(?<h>[0-9]{1,2})\\s*[时點点]\\s*(?<min>[0-9]{1,2})\\s*分");

    private DateTimes() {
    }

    static List<TextSpan> invalid(String text) {
        List<TextSpan> out = new ArrayList<>();
        for (Pattern pattern : new Pattern[] {ISO, CHINESE}) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (!isDate(m.group("y"), m.group("m"), m.group("d"))) {
                    out.add(new TextSpan(m.start(), m.end()));
                }
            }
        }
        Matcher month = CHINESE_MONTH.matcher(text);
        while (month.find()) {
            int y = Integer.parseInt(month.group("y"));
            int mo = Integer.parseInt(month.group("m"));
            if (y < 1900 || y > 2100 || mo < 1 || mo > 12) {
                out.add(new TextSpan(month.start(), month.end()));
            }
        }
        Matcher slashed = SLASHED.matcher(text);
        while (slashed.find()) {
            String y = slashed.group("y");
            if (!isDate(y, slashed.group("a"), slashed.group("b")) && !isDate(y, slashed.group("b"), slashed.group("a"))) {
                out.add(new TextSpan(slashed.start(), slashed.end()));
            }
        }
        for (Pattern pattern : new Pattern[] {CLOCK, CHINESE_CLOCK}) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                int h = Integer.parseInt(m.group("h"));
                int min = Integer.parseInt(m.group("min"));
                boolean seconds = pattern == CLOCK && m.group("s") != null;
                int s = seconds ? Integer.parseInt(m.group("s")) : 0;
                boolean valid = (h <= 23 && min <= 59 && s <= 59) || (h == 24 && min == 0 && s == 0);
                if (!valid && !looksLikeRatio(text, m.start(), m.end())) {
                    out.add(new TextSpan(m.start(), m.end()));
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    private static boolean isDate(String year, String month, String day) {
        int y = Integer.parseInt(year);
        if (y < 1900 || y > 2100) {
            return false;
        }
        try {
            LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** "1:10 dilution", "ratio 3:40" are not clock times. */
    private static boolean looksLikeRatio(String text, int start, int end) {
        String around = text.substring(Math.max(0, start - 12), Math.min(text.length(), end + 12)).toLowerCase();
        return around.contains("ratio") || around.contains("dilut") || around.contains("稀释") || around.contains("比例")
                || around.contains("滴度") || around.contains("titer") || around.contains("titre");
    }
}
