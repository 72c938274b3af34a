package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.clinical.TextSpan;
import org.medscribe.quality.Term;

/**
 * Finds vital signs in exam text: {@code T 36.8℃ P 80次/分 R 18次/分 BP 120/80mmHg},
 * {@code 体温 37.2℃}, {@code BP 128/82, HR 76, RR 16, T 98.4 F, SpO2 98%},
 * {@code blood pressure is 140 over 90}. The one-letter keys (T, P, R) count only when a space,
 * colon or unit makes them unambiguous ({@code T12} is a vertebra, {@code P2} a heart sound).
 */
final class Vitals {

    enum Kind {
        T(new Term("temperature", "体温")),
        P(new Term("pulse", "脉搏")),
        R(new Term("respiratory rate", "呼吸")),
        BP(new Term("blood pressure", "血压")),
        SPO2(new Term("oxygen saturation", "血氧饱和度"));

        final Term term;

        Kind(Term term) {
            this.term = term;
        }
    }

    /**
     * One reading. {@code second} is the diastolic pressure (NaN for other kinds and for a blood
     * pressure written as one number); {@code unit} is null when none was written.
     */
    record Reading(Kind kind, TextSpan span, double value, double second, String unit, boolean bareLetterKey) {

        boolean hasUnit() {
            return unit != null && !unit.isBlank();
        }

        /** Temperature in °C: a Fahrenheit unit, or a value only Fahrenheit explains, is converted. */
        double celsius() {
            boolean fahrenheit = unit != null ? unit.toUpperCase(Locale.ROOT).contains("F") : value > 50;
            return fahrenheit ? (value - 32) * 5 / 9 : value;
        }
    }

    private static final String FILLER = "\\s*(?:[:：=]|(?i:is|was|of|at))?\\s*";

    private static final Pattern TEMPERATURE = Pattern.compile(
            "(?<key>(?<![A-Za-z])T(?![A-Za-z])|体温|(?<![A-Za-z])(?i:temperature|temp|tmax))" + FILLER
                    + "(?<v>\\d{2,3}(?:\\.\\d+)?)\\s*(?<u>℃|°\\s*[CFcf]|度|(?i:degrees?(?:\\s*(?:celsius|fahrenheit|[CF]))?)"
                    + "|[CF](?![A-Za-z]))?");
    private static final Pattern PULSE = Pattern.compile(
            "(?<key>(?<![A-Za-z])P(?![A-Za-z])|脉搏|脉率|心率|(?<![A-Za-z])(?i:HR|heart rate|pulse rate|pulse))" + FILLER
                    + "(?<v>\\d{2,3})(?![\\d.])\\s*(?<u>次/分(?:钟)?|次/min|(?i:bpm|/min|beats per minute|beats/min))?");
    private static final Pattern RESPIRATION = Pattern.compile(
            "(?<key>(?<![A-Za-z])R(?![A-Za-z])|呼吸频率|呼吸|(?<![A-Za-z])(?i:RR|respiratory rate|respirations|resp rate|resp))"
                    + FILLER + "(?<v>\\d{1,2})(?![\\d.])\\s*(?<u>次/分(?:钟)?|次/min|(?i:/min|breaths per minute|breaths/min|bpm))?");
    private static final Pattern BLOOD_PRESSURE = Pattern.compile(
            "(?<key>(?<![A-Za-z])(?i:BP|blood pressure)|血压)" + FILLER
                    + "(?<v>\\d{2,3})(?![\\d.])(?:\\s*(?:/|／|(?i:over))\\s*(?<v2>\\d{2,3}))?\\s*(?<u>(?i:mm\\s?hg)|毫米汞柱)?");
    private static final Pattern SATURATION = Pattern.compile(
            "(?<key>(?i:SpO2|SaO2|O2 sat(?:uration)?|oxygen saturation|sats?)|血氧饱和度|指脉氧|血氧)" + FILLER
                    + "(?<v>\\d{2,3})(?![\\d.])\\s*(?<u>%)?");

    private Vitals() {
    }

    static List<Reading> find(String text) {
        List<Reading> out = new ArrayList<>();
        collect(text, TEMPERATURE, Kind.T, out);
        collect(text, PULSE, Kind.P, out);
        collect(text, RESPIRATION, Kind.R, out);
        collect(text, BLOOD_PRESSURE, Kind.BP, out);
        collect(text, SATURATION, Kind.SPO2, out);
        out.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return out;
    }

    private static void collect(String text, Pattern pattern, Kind kind, List<Reading> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String key = m.group("key");
            String unit = m.group("u");
            boolean bareLetter = key.length() == 1;
            if (bareLetter) {
                // "T 36.5", "P:80", "R 18次/分" — but not "T12" or "P2".
                boolean separated = m.start("v") > m.end("key");
                if (!separated && unit == null) {
                    continue;
                }
            }
            double value = Double.parseDouble(m.group("v"));
            double second = Double.NaN;
            if (kind == Kind.BP && m.group("v2") != null) {
                second = Double.parseDouble(m.group("v2"));
            }
            int end = unit != null ? m.end("u") : kind == Kind.BP && m.group("v2") != null ? m.end("v2") : m.end("v");
            out.add(new Reading(kind, new TextSpan(m.start(), end), value, second, unit, bareLetter));
        }
    }
}
