package org.medscribe.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.record.DraftSection;
import org.medscribe.record.Statement;
import org.medscribe.record.Flag;
import org.medscribe.record.FlagKind;
import org.medscribe.record.UnsupportedReason;
import org.medscribe.record.FactCategory;
import org.medscribe.clinical.AllergyStatements;
import org.medscribe.clinical.ChineseNumerals;
import org.medscribe.clinical.ClinicalWords;
import org.medscribe.clinical.ClinicalLexicon;
import org.medscribe.clinical.ClinicalText;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.TemplateSection;

/**
 * Deterministic checks of a draft against its sources, in English and Chinese: numbers with units,
 * doses and frequencies, drug names, laterality, negation, allergies and dates. A value in the draft
 * that the sources do not contain is flagged; an allergy or a medication in the sources that the
 * draft leaves out is flagged as a possible omission. Stateless apart from the lexicon; thread-safe.
 */
public final class FactChecker {

    private static final ClinicalWords WORDS = ClinicalWords.standard();
    private static final Map<String, String> UNITS = new LinkedHashMap<>();
    private static final Pattern VALUE_WITH_UNIT;
    private static final Map<Pattern, String> FREQUENCIES = new LinkedHashMap<>();
    private static final List<Pattern> DATES = List.of(
            Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})"),
            Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2,4})"),
            Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号]"),
            Pattern.compile("\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?"));
    private static final Pattern HAN_NUMERAL_BEFORE_UNIT = Pattern.compile(
            "([" + WORDS.characters("han_numerals").replace("半", "") + "]+)(?=[" + WORDS.characters("han_units_in_values") + "])");
    private static final AllergyStatements ALLERGY_STATEMENTS = AllergyStatements.standard();
    private static final Set<String> OTHER_ALLERGENS = WORDS.set("other_allergens");

    static {
        UNITS.putAll(WORDS.map("units"));
        List<String> alternatives = new ArrayList<>(UNITS.keySet());
        alternatives.sort((a, b) -> Integer.compare(b.length(), a.length()));
        StringBuilder regex = new StringBuilder("(\\d+(?:\\.\\d+)?)\\s*(");
        for (int i = 0; i < alternatives.size(); i++) {
            regex.append(i == 0 ? "" : "|").append(Pattern.quote(alternatives.get(i)));
        }
        regex.append(")(?![a-z])");
        VALUE_WITH_UNIT = Pattern.compile(regex.toString());

        // Most specific first: "twice daily" is bid, and its "daily" must not count as qd as well.
        WORDS.map("frequencies").forEach((code, pattern) -> FREQUENCIES.put(Pattern.compile(pattern), code));
    }

    private final ClinicalLexicon lexicon;

    public FactChecker() {
        this(ClinicalLexicon.standard());
    }

    public FactChecker(ClinicalLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * Checks a draft's sections against the sources.
     *
     * @param complete whether the draft covers every section (omission checks only run on complete drafts)
     */
    public List<Flag> check(RecordTemplate template, List<DraftSection> sections, SegmentedSources sources,
            boolean complete) {
        SourceFacts known = new SourceFacts(sources);
        List<Flag> flags = new ArrayList<>();
        Set<String> draftDrugs = new LinkedHashSet<>();
        StringBuilder draftText = new StringBuilder();
        for (DraftSection section : sections) {
            for (int i = 0; i < section.statements().size(); i++) {
                Statement statement = section.statements().get(i);
                checkStatement(section.id(), i, statement, known, sources, flags);
                String normalized = ClinicalText.normalize(statement.text());
                draftDrugs.addAll(lexicon.drugNames(normalized));
                if (statement.original() != null) {
                    draftDrugs.addAll(lexicon.drugNames(ClinicalText.normalize(statement.original())));
                    draftText.append(ClinicalText.normalize(statement.original())).append('\n');
                }
                draftText.append(normalized).append('\n');
            }
            int length = section.plainText().codePointCount(0, section.plainText().length());
            int max = template.sections().stream().filter(t -> t.id().equals(section.id()))
                    .mapToInt(TemplateSection::maxLength).findFirst().orElse(Integer.MAX_VALUE);
            if (length > max) {
                flags.add(Flag.of(FlagKind.SECTION_TOO_LONG, section.id(), null,
                        List.of(Integer.toString(length), Integer.toString(max))));
            }
        }
        if (complete) {
            String medicationSection = sectionFor(template, FactCategory.MEDICATION);
            for (String drug : known.drugs) {
                if (!draftDrugs.contains(drug) && !known.allergens.contains(drug)) {
                    flags.add(Flag.of(FlagKind.MEDICATION_OMITTED, medicationSection, null, List.of(drug)));
                }
            }
            String allergySection = sectionFor(template, FactCategory.ALLERGY);
            boolean draftDeniesAllergy = sections.stream()
                    .filter(s -> s.id().equals(allergySection))
                    .flatMap(s -> s.statements().stream())
                    .anyMatch(s -> ALLERGY_STATEMENTS.deniesAllergy(s.original() != null ? s.original() : s.text()));
            for (String allergen : known.allergens) {
                boolean mentioned = draftDrugs.contains(allergen) || lexicon.spellings(allergen).stream()
                        .anyMatch(spelling -> draftText.indexOf(spelling) >= 0);
                if (!mentioned) {
                    flags.add(Flag.of(draftDeniesAllergy ? FlagKind.ALLERGY_CONFLICT : FlagKind.ALLERGY_OMITTED,
                            allergySection, null, List.of(allergen)));
                }
            }
        }
        return flags;
    }

    private void checkStatement(String section, int index, Statement statement, SourceFacts known,
            SegmentedSources sources, List<Flag> flags) {
        // A translated statement is checked through the fact it translates, which is in the sources' language.
        String text = statement.original() != null ? statement.original() : statement.text();
        String base = ClinicalText.normalize(text);
        String normalized = digitsForHanNumerals(base);
        ClinicalText analysed = ClinicalText.analyse(text, lexicon);

        Matcher values = VALUE_WITH_UNIT.matcher(digitsForHanNumerals(withoutFrequencies(base)));
        Set<String> reported = new LinkedHashSet<>();
        while (values.find()) {
            String number = ClinicalText.canonicalNumber(values.group(1));
            String unit = UNITS.get(values.group(2));
            String shown = values.group(1) + " " + values.group(2);
            if (!reported.add(number + unit)) {
                continue;
            }
            Set<String> unitsInSources = known.unitsByNumber.get(number);
            if (!known.numbers.contains(number)) {
                flags.add(Flag.of(FlagKind.VALUE_NOT_IN_SOURCES, section, index, List.of(shown)));
            } else if (unitsInSources != null && !unitsInSources.isEmpty() && !unitsInSources.contains(unit)
                    && !known.bareNumbers.contains(number) && !equivalentUnits(unit, unitsInSources)) {
                flags.add(Flag.of(FlagKind.UNIT_MISMATCH, section, index, List.of(shown)));
            }
        }
        for (String frequency : frequencies(base)) {
            if (!known.frequencies.contains(frequency)) {
                flags.add(Flag.of(FlagKind.FREQUENCY_NOT_IN_SOURCES, section, index, List.of(frequency)));
            }
        }
        for (String drug : analysed.drugNames()) {
            if (!known.drugs.contains(drug)) {
                flags.add(Flag.of(FlagKind.DRUG_NOT_IN_SOURCES, section, index, List.of(drug)));
            }
        }
        for (String date : dates(normalized)) {
            if (!known.dates.contains(date) && !(date.contains("-") && known.dates.contains(date.substring(date.indexOf('-') + 1)))) {
                flags.add(Flag.of(FlagKind.DATE_NOT_IN_SOURCES, section, index, List.of(date)));
            }
        }
        if (!analysed.sides().isEmpty()) {
            Set<ClinicalText.Side> evidenceSides = new LinkedHashSet<>();
            List<Segment> cited = new ArrayList<>();
            statement.evidence().forEach(e -> sources.segment(e.segment()).ifPresent(cited::add));
            (cited.isEmpty() ? sources.segments() : cited)
                    .forEach(seg -> evidenceSides.addAll(ClinicalText.analyse(seg.text(), lexicon).sides()));
            for (ClinicalText.Side side : analysed.sides()) {
                ClinicalText.Side opposite = side == ClinicalText.Side.LEFT ? ClinicalText.Side.RIGHT
                        : side == ClinicalText.Side.RIGHT ? ClinicalText.Side.LEFT : null;
                if (!evidenceSides.contains(side) && opposite != null && evidenceSides.contains(opposite)) {
                    flags.add(Flag.of(FlagKind.LATERALITY_CONFLICT, section, index,
                            List.of(side.name().toLowerCase(Locale.ROOT))));
                }
            }
        }
        if (statement.unsupportedReason() == UnsupportedReason.NEGATION_MISMATCH) {
            flags.add(Flag.of(FlagKind.NEGATION_CONFLICT, section, index, List.of(statement.text())));
        }
    }

    private static boolean equivalentUnits(String unit, Set<String> others) {
        // 38.5 度 and 38.5 °C are the same temperature; 3 日 and 3 天 the same duration (both map already).
        return unit.equals("degree") && others.contains("celsius") || unit.equals("celsius") && others.contains("degree");
    }

    private static String sectionFor(RecordTemplate template, FactCategory category) {
        return template.sections().stream().filter(s -> s.facts().contains(category)).map(TemplateSection::id)
                .findFirst().orElse(null);
    }

    /**
     * Dosing frequencies in a normalised text as codes ({@code bid}, {@code tid}…), so "twice a day" and
     * "每日两次" agree. Each stretch of text counts once, for its most specific frequency.
     */
    static Set<String> frequencies(String normalized) {
        Set<String> found = new LinkedHashSet<>();
        blankFrequencies(normalized, found);
        return found;
    }

    /** The text with dosing frequencies blanked out ("一日3次" is a frequency, not "1 day"); they are checked on their own. */
    static String withoutFrequencies(String normalized) {
        return blankFrequencies(normalized, new LinkedHashSet<>());
    }

    private static String blankFrequencies(String normalized, Set<String> codes) {
        String text = normalized;
        for (Map.Entry<Pattern, String> frequency : FREQUENCIES.entrySet()) {
            Matcher m = frequency.getKey().matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                codes.add(frequency.getValue());
                m.appendReplacement(out, " ".repeat(m.group().length()));
            }
            m.appendTail(out);
            text = out.toString();
        }
        return text;
    }

    static Set<String> dates(String normalized) {
        Set<String> found = new LinkedHashSet<>();
        for (int p = 0; p < DATES.size(); p++) {
            Matcher m = DATES.get(p).matcher(normalized);
            while (m.find()) {
                String year;
                int month;
                int day;
                switch (p) {
                    case 0 -> {
                        year = m.group(1);
                        month = Integer.parseInt(m.group(2));
                        day = Integer.parseInt(m.group(3));
                    }
                    case 1 -> {
                        year = m.group(3).length() == 2 ? "20" + m.group(3) : m.group(3);
                        month = Integer.parseInt(m.group(1));
                        day = Integer.parseInt(m.group(2));
                    }
                    case 2 -> {
                        year = m.group(1);
                        month = Integer.parseInt(m.group(2));
                        day = Integer.parseInt(m.group(3));
                    }
                    default -> {
                        year = m.group(3);
                        month = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                                .indexOf(m.group(1)) + 1;
                        day = Integer.parseInt(m.group(2));
                    }
                }
                if (month < 1 || month > 12 || day < 1 || day > 31) {
                    continue;
                }
                found.add((year == null ? "" : year + "-") + month + "-" + day);
            }
        }
        return found;
    }

    static String digitsForHanNumerals(String normalized) {
        Matcher m = HAN_NUMERAL_BEFORE_UNIT.matcher(normalized);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = ChineseNumerals.canonical(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group(1) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** What the sources say, gathered once per check. */
    private final class SourceFacts {
        final Set<String> numbers = new LinkedHashSet<>();
        final Set<String> bareNumbers = new LinkedHashSet<>();
        final Map<String, Set<String>> unitsByNumber = new LinkedHashMap<>();
        final Set<String> frequencies = new LinkedHashSet<>();
        final Set<String> drugs = new LinkedHashSet<>();
        final Set<String> dates = new LinkedHashSet<>();
        final Set<String> allergens = new LinkedHashSet<>();

        SourceFacts(SegmentedSources sources) {
            List<Segment> segments = sources.segments();
            for (int i = 0; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                String base = ClinicalText.normalize(segment.text());
                String normalized = digitsForHanNumerals(base);
                ClinicalText analysed = ClinicalText.analyse(segment.text(), lexicon);
                numbers.addAll(analysed.numbers());
                Matcher values = VALUE_WITH_UNIT.matcher(digitsForHanNumerals(withoutFrequencies(base)));
                Set<String> withUnit = new LinkedHashSet<>();
                while (values.find()) {
                    String number = ClinicalText.canonicalNumber(values.group(1));
                    numbers.add(number);
                    withUnit.add(number);
                    unitsByNumber.computeIfAbsent(number, k -> new LinkedHashSet<>()).add(UNITS.get(values.group(2)));
                }
                for (String number : analysed.numbers()) {
                    if (!withUnit.contains(number)) {
                        bareNumbers.add(number);
                    }
                }
                frequencies.addAll(frequencies(base));
                drugs.addAll(analysed.drugNames());
                dates.addAll(dates(normalized));
                for (String date : dates(normalized)) {
                    dates.add(date.contains("-") && date.indexOf('-') == 4 ? date.substring(5) : date);
                }
                if (ALLERGY_STATEMENTS.speaksOfAllergy(normalized)) {
                    collectAllergens(segment, analysed, normalized);
                    if (segment.isQuestion() && i + 1 < segments.size()) {
                        Segment answer = segments.get(i + 1);
                        collectAllergens(answer, ClinicalText.analyse(answer.text(), lexicon),
                                ClinicalText.normalize(answer.text()));
                    }
                }
            }
        }

        private void collectAllergens(Segment segment, ClinicalText analysed, String normalized) {
            if (analysed.isBareNegative()) {
                return;
            }
            // Clause by clause: "对青霉素过敏，否认其他病史" names an allergy even though it also denies something.
            boolean segmentSpeaksOfAllergy = ALLERGY_STATEMENTS.speaksOfAllergy(normalized);
            for (String clause : normalized.split("[,.;:!?]")) {
                if (ALLERGY_STATEMENTS.deniesAllergy(clause) || ALLERGY_STATEMENTS.speaksOfAllergyTest(clause)) {
                    continue;
                }
                if (segmentSpeaksOfAllergy && !ALLERGY_STATEMENTS.speaksOfAllergy(clause)) {
                    continue; // another clause of this segment carries the allergy
                }
                allergens.addAll(lexicon.drugNames(clause));
                for (String allergen : OTHER_ALLERGENS) {
                    if (ClinicalLexicon.containsHan(allergen) ? clause.contains(allergen)
                            : Pattern.compile("\\b" + allergen + "s?\\b").matcher(clause).find()) {
                        allergens.add(allergen);
                    }
                }
            }
        }
    }
}
