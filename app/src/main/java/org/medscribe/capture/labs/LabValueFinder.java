package org.medscribe.capture.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds result lines in lab-report text: an analyte name, a numeric value, and at least one of a
 * unit, a reference range or an abnormal flag, in the orders labs print them
 * ({@code Hemoglobin 10.2 g/dL 13.5-17.5 L}, {@code 钾 3.2 ↓ mmol/L 3.5～5.5},
 * {@code Glucose: 126 mg/dL (70-99) H}). A value outside its range counts as out of range even
 * when the lab printed no flag.
 *
 * <p>Qualitative results (Negative, 阴性) and lines with several results are not recognised. Works
 * line by line with short, linear patterns; stateless and thread-safe.
 */
public final class LabValueFinder {

    private static final int MAX_LINE = 300;
    private static final int MAX_VALUES_PER_PAGE = 2_000;

    private static final Pattern VALUE = Pattern.compile("([<>≤≥]=?)?(\\d{1,9}(?:\\.\\d{1,6})?)([↑↓*]|H|L)?");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}(?:\\.\\d{1,6})?");
    private static final Pattern RANGE = Pattern.compile("[(\\[（]?(\\d{1,9}(?:\\.\\d{1,6})?)-(\\d{1,9}(?:\\.\\d{1,6})?)[)\\]）]?");
    private static final Pattern BOUND = Pattern.compile("[(\\[（]?([<>≤≥]=?)(\\d{1,9}(?:\\.\\d{1,6})?)[)\\]）]?");
    /** Unit words labs use, so that "Page 1 of 3" does not read as a result in units of "of". */
    private static final String UNIT_WORD = "(?:[mµμunpkdf]?(?:g|mol|l|u|iu|eq|kat)|sec|s|min|h|hr|mm|cm|m2|1\\.73m2|1\\.73m²"
            + "|mmhg|kpa|bpm|cells|copies|ratio|m?osm|kg)";
    private static final Pattern UNIT = Pattern.compile(
            "(?:[x×*]?10(?:\\^?\\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})/[A-Za-zμµ]{1,3})"
            + "|%|‰"
            + "|(?:" + UNIT_WORD + "(?:/" + UNIT_WORD + "){0,2})", Pattern.CASE_INSENSITIVE);
    private static final Pattern DASHES = Pattern.compile("(?<=\\d)\\s*(?:-|–|—|~|～|〜|to)\\s*(?=\\d)");
    private static final Pattern COMPARATOR_SPACE = Pattern.compile("([<>≤≥]=?)\\s+(?=\\d)");
    private static final Pattern HAS_LETTER = Pattern.compile("[A-Za-z\\p{IsHan}]");

    /** One line of page text and where it starts. */
    private record Line(String text, int start) {
    }

    public List<LabValue> find(int page, String pageText) {
        List<LabValue> values = new ArrayList<>();
        int start = 0;
        int length = pageText.length();
        while (start <= length && values.size() < MAX_VALUES_PER_PAGE) {
            int newline = pageText.indexOf('\n', start);
            int end = newline < 0 ? length : newline;
            if (end - start <= MAX_LINE) {
                LabValue value = parse(page, new Line(pageText.substring(start, end), start));
                if (value != null) {
                    values.add(value);
                }
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return values;
    }

    private LabValue parse(int page, Line line) {
        String text = line.text();
        String normalised = COMPARATOR_SPACE.matcher(DASHES.matcher(text).replaceAll("-")).replaceAll("$1");
        String[] tokens = normalised.strip().split("\\s+");
        if (tokens.length < 2) {
            return null;
        }
        int first = 0;
        // A leading row number ("3  WBC 12.5 ...") is not the result.
        if (NUMBER.matcher(tokens[0]).matches() && tokens.length > 2) {
            first = 1;
        }
        int valueAt = -1;
        for (int i = first + 1; i < tokens.length; i++) {
            if (VALUE.matcher(tokens[i]).matches() && !RANGE.matcher(tokens[i]).matches()) {
                valueAt = i;
                break;
            }
            if (i - first >= 8) {
                return null;
            }
        }
        if (valueAt < 0) {
            return null;
        }
        String analyte = String.join(" ", java.util.Arrays.copyOfRange(tokens, first, valueAt)).strip();
        analyte = analyte.replaceAll("[:：]+$", "").strip();
        if (analyte.isEmpty() || analyte.length() > 60 || !HAS_LETTER.matcher(analyte).find()
                || analyte.codePoints().filter(Character::isLetter).count() < 1) {
            return null;
        }
        Matcher valueMatch = VALUE.matcher(tokens[valueAt]);
        if (!valueMatch.matches()) {
            return null;
        }
        String comparator = valueMatch.group(1);
        double number = Double.parseDouble(valueMatch.group(2));
        LabFlag flag = flagOf(valueMatch.group(3));
        String unit = null;
        String range = null;
        Double low = null;
        Double high = null;
        int consumed = valueAt;
        for (int i = valueAt + 1; i < tokens.length && i <= valueAt + 4; i++) {
            String token = tokens[i];
            LabFlag tokenFlag = flagOf(token);
            Matcher rangeMatch = RANGE.matcher(token);
            Matcher boundMatch = BOUND.matcher(token);
            if (tokenFlag != null && flag == null) {
                flag = tokenFlag;
            } else if (range == null && rangeMatch.matches()) {
                low = Double.parseDouble(rangeMatch.group(1));
                high = Double.parseDouble(rangeMatch.group(2));
                range = rangeMatch.group(1) + "-" + rangeMatch.group(2);
            } else if (range == null && boundMatch.matches()) {
                double limit = Double.parseDouble(boundMatch.group(2));
                if (boundMatch.group(1).startsWith("<") || boundMatch.group(1).startsWith("≤")) {
                    high = limit;
                } else {
                    low = limit;
                }
                range = boundMatch.group(1) + boundMatch.group(2);
            } else if (unit == null && range == null && UNIT.matcher(token).matches()) {
                unit = token;
            } else {
                break;
            }
            consumed = i;
        }
        if (unit == null && range == null && flag == null) {
            return null;
        }
        if (low != null && high != null && low > high) {
            return null;
        }
        boolean outside = (low != null && number < low) || (high != null && number > high);
        if (comparator != null) {
            // "<0.5" against "0-5" is inside; against ">60" it is outside: compare the bound itself.
            outside = (low != null && comparator.startsWith("<") && number <= low)
                    || (high != null && comparator.startsWith(">") && number >= high);
        }
        int lineStart = line.start() + (text.length() - text.stripLeading().length());
        int lineEnd = line.start() + text.stripTrailing().length();
        String printedValue = (comparator == null ? "" : comparator) + valueMatch.group(2);
        if (consumed < valueAt) {
            return null;
        }
        return new LabValue(analyte, printedValue, number, unit, range, low, high, flag, flag != null || outside,
                page, lineStart, lineEnd);
    }

    private static LabFlag flagOf(String token) {
        if (token == null) {
            return null;
        }
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "H", "HH", "HIGH", "↑", "偏高", "高", "*H", "H*" -> LabFlag.H;
            case "L", "LL", "LOW", "↓", "偏低", "低", "*L", "L*" -> LabFlag.L;
            default -> null;
        };
    }
}
