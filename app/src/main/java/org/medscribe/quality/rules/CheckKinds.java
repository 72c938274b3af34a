package org.medscribe.quality.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.clinical.Durations;
import org.medscribe.clinical.Sentences;
import org.medscribe.clinical.TextSpan;
import org.medscribe.quality.ReviewedSection;
import org.medscribe.quality.ReviewedStatement;
import org.medscribe.quality.Term;

/**
 * The code behind the rule packs: each check kind a pack may name, and what it does with the rule's
 * parameters. A pack picks the kind, the section, the severity and the parameters; the kind holds
 * no clinical vocabulary of its own (that is in the lexicons).
 */
final class CheckKinds {

    /** One kind of check. */
    @FunctionalInterface
    interface Check {
        List<Hit> run(RuleContext context);
    }

    /** Rules of this kind are run by the model review, not here; the pack lists them so clinics can switch them. */
    static final String MODEL_CHECK = "model_check";
    /** Rules of this kind need the sources and are run by quality control with the drafting fact checker. */
    static final String FACT_CHECK = "fact_check";

    private static final Map<String, Check> KINDS = Map.ofEntries(
            Map.entry("section_present", CheckKinds::sectionPresent),
            Map.entry("allergy_documented", CheckKinds::allergyDocumented),
            Map.entry("max_length", CheckKinds::maxLength),
            Map.entry("duration_present", CheckKinds::durationPresent),
            Map.entry("symptom_present", CheckKinds::symptomPresent),
            Map.entry("pattern_present", CheckKinds::patternPresent),
            Map.entry("cc_hpi_symptoms", CheckKinds::ccHpiSymptoms),
            Map.entry("cc_hpi_duration", CheckKinds::ccHpiDuration),
            Map.entry("vitals_present", CheckKinds::vitalsPresent),
            Map.entry("vitals_complete", CheckKinds::vitalsComplete),
            Map.entry("vitals_plausible", CheckKinds::vitalsPlausible),
            Map.entry("vitals_format", CheckKinds::vitalsFormat),
            Map.entry("datetime_valid", CheckKinds::datetimeValid),
            Map.entry("unit_case", CheckKinds::unitCase),
            Map.entry("placeholder", CheckKinds::placeholder),
            Map.entry("medication_order", CheckKinds::medicationOrder),
            Map.entry("allergy_conflict", CheckKinds::allergyConflict),
            Map.entry("plan_expected", CheckKinds::planExpected),
            Map.entry("plan_questionable", CheckKinds::planQuestionable),
            Map.entry("unsupported_statement", CheckKinds::unsupportedStatement),
            Map.entry(MODEL_CHECK, context -> List.of()),
            Map.entry(FACT_CHECK, context -> List.of()));

    private CheckKinds() {
    }

    static boolean isKnown(String kind) {
        return KINDS.containsKey(kind);
    }

    static Set<String> names() {
        return KINDS.keySet();
    }

    static List<Hit> run(RuleContext context) {
        return KINDS.get(context.rule().kind()).run(context);
    }

    // --- presence ------------------------------------------------------------------------------

    private static List<Hit> sectionPresent(RuleContext c) {
        Optional<ReviewedSection> section = c.section();
        if (c.documented(section)) {
            return List.of();
        }
        String id = c.sectionId(c.rule().section());
        return List.of(section.map(s -> Hit.whole(id, s.text())).orElse(Hit.at(id, new TextSpan(0, 0))));
    }

    /**
     * The allergy section, or a statement about the patient's allergies in another section (Chinese
     * records often write 否认药物过敏史 under 既往史). A disease named "allergic" (过敏性鼻炎) is not such a
     * statement, and the family history speaks of relatives.
     */
    private static List<Hit> allergyDocumented(RuleContext c) {
        if (c.documented(c.section())) {
            return List.of();
        }
        Set<String> elsewhereExcept = new HashSet<>();
        for (String id : c.rule().listParam("elsewhere_except")) {
            c.section(id).ifPresent(s -> elsewhereExcept.add(s.id()));
        }
        for (ReviewedSection section : c.record().sections()) {
            if (!elsewhereExcept.contains(section.id()) && c.lexicon().allergyDocumented.in(section.text())) {
                return List.of();
            }
        }
        return sectionPresent(c);
    }

    // --- chief complaint ---------------------------------------------------------------------------

    private static List<Hit> maxLength(RuleContext c) {
        Optional<ReviewedSection> section = c.section();
        if (!c.documented(section)) {
            return List.of();
        }
        String text = section.get().text();
        int max = c.rule().intParam("max", 20);
        boolean words = "words".equals(c.rule().textParam("count", "characters"));
        int length = words ? countWords(text) : countCharacters(text);
        return length > max ? List.of(Hit.whole(section.get().id(), text, length, max)) : List.of();
    }

    /** Characters as the norms count them (字): letters and digits, not spaces or punctuation. */
    static int countCharacters(String text) {
        return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
    }

    static int countWords(String text) {
        int words = 0;
        for (String token : text.split("[\\s/]+")) {
            if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                words++;
            }
        }
        return words;
    }

    private static List<Hit> durationPresent(RuleContext c) {
        Optional<ReviewedSection> section = c.section();
        if (!c.documented(section) || !Durations.find(section.get().text(), c.chinese()).isEmpty()) {
            return List.of();
        }
        return List.of(Hit.whole(section.get().id(), section.get().text()));
    }

    private static List<Hit> symptomPresent(RuleContext c) {
        Optional<ReviewedSection> section = c.section();
        if (!c.documented(section) || c.lexicon().symptoms.in(section.get().text())) {
            return List.of();
        }
        return List.of(Hit.whole(section.get().id(), section.get().text()));
    }

    // --- history of present illness ---------------------------------------------------------------

    private static List<Hit> patternPresent(RuleContext c) {
        Optional<ReviewedSection> section = c.section();
        if (!c.documented(section)) {
            return List.of();
        }
        String text = section.get().text();
        String lexiconName = c.rule().textParam("lexicon", "");
        TermSet words = switch (lexiconName) {
            case "onset" -> c.lexicon().onset;
            case "course" -> c.lexicon().course;
            case "negatives" -> c.lexicon().negatives;
            default -> throw new IllegalStateException("rule " + c.rule().id() + ": unknown lexicon " + lexiconName);
        };
        boolean found = words.in(text)
                || (c.rule().booleanParam("durations_count", false) && !Durations.find(text, c.chinese()).isEmpty());
        return found ? List.of() : List.of(Hit.whole(section.get().id(), text));
    }

    /**
     * Every symptom the chief complaint names (from the symptom groups) should be described in the HPI;
     * a denial ("无胸痛", "denies chest pain") does not describe it.
     */
    private static List<Hit> ccHpiSymptoms(RuleContext c) {
        Optional<ReviewedSection> cc = c.section(c.rule().textParam("chief_complaint", "chief_complaint"));
        Optional<ReviewedSection> hpi = c.section();
        if (!c.documented(cc) || !c.documented(hpi)) {
            return List.of();
        }
        String complaint = cc.get().text();
        String history = hpi.get().text();
        List<Hit> hits = new ArrayList<>();
        for (Lexicon.SymptomGroup group : c.lexicon().symptomGroups) {
            List<TextSpan> named = group.set().find(complaint);
            if (named.isEmpty() || affirmedIn(history, named.get(0).of(complaint), group, c)) {
                continue;
            }
            hits.add(Hit.at(cc.get().id(), named.get(0)));
        }
        return dropOverlapping(hits);
    }

    private static final Pattern HAN_TERM = Pattern.compile("\\p{IsHan}{2,6}");
    private static final Pattern CONTRAST = Pattern.compile("(?i)\\bbut\\b|\\bhowever\\b|\\bthough\\b|\\balthough\\b"
            + "|\\bexcept\\b|但是|但|伴有|伴|出现|并有");

    /** True when the history mentions the symptom at least once without denying it. */
    private static boolean affirmedIn(String history, String term, Lexicon.SymptomGroup group, RuleContext c) {
        List<TextSpan> mentions = new ArrayList<>(group.set().find(history));
        mentions.addAll(looseMentions(term, history));
        for (TextSpan mention : mentions) {
            if (!c.lexicon().negatives.in(scopeBefore(history, mention.start(), c.chinese()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words a negation before {@code at} would reach: back to the sentence start (in Chinese,
     * to the last comma, since 、 joins a list under one 无) and never past a contrast (but, 但, 伴).
     */
    private static String scopeBefore(String text, int at, boolean chinese) {
        int start = 0;
        for (int i = at - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            boolean end = "。！？；;!?\n".indexOf(ch) >= 0 || (chinese && (ch == '，' || ch == ','))
                    || (ch == '.' && i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1)));
            if (end) {
                start = i + 1;
                break;
            }
        }
        String scope = text.substring(start, at);
        Matcher contrast = CONTRAST.matcher(scope);
        int last = -1;
        while (contrast.find()) {
            last = contrast.end();
        }
        return last >= 0 ? scope.substring(last) : scope;
    }

    /**
     * A Chinese symptom is often split by a qualifier in the history: 腹痛 → 上腹部隐痛, 咳痰 → 咳少量白痰,
     * 胸闷 → 胸部憋闷. Its first and last characters within one clause, a few characters apart, count.
     */
    private static List<TextSpan> looseMentions(String term, String history) {
        List<TextSpan> out = new ArrayList<>();
        if (!HAN_TERM.matcher(term).matches()) {
            return out;
        }
        char first = term.charAt(0);
        char last = term.charAt(term.length() - 1);
        String ending = last == '痛' || last == '疼' ? "[痛疼]" : Pattern.quote(String.valueOf(last));
        Matcher m = Pattern.compile(Pattern.quote(String.valueOf(first)) + "[^，。；,;]{0,6}?" + ending).matcher(history);
        while (m.find()) {
            out.add(new TextSpan(m.start(), m.end()));
        }
        return out;
    }

    /** The longest duration in the chief complaint should be a duration the HPI also gives. */
    private static List<Hit> ccHpiDuration(RuleContext c) {
        Optional<ReviewedSection> cc = c.section(c.rule().textParam("chief_complaint", "chief_complaint"));
        Optional<ReviewedSection> hpi = c.section();
        if (!c.documented(cc) || !c.documented(hpi)) {
            return List.of();
        }
        List<Durations.Found> inComplaint = Durations.find(cc.get().text(), c.chinese());
        List<Durations.Found> inHistory = Durations.find(hpi.get().text(), c.chinese());
        if (inComplaint.isEmpty() || inHistory.isEmpty()) {
            return List.of();
        }
        Durations.Found longest = inComplaint.stream().max(Comparator.comparingDouble(Durations.Found::maxHours)).get();
        double tolerance = c.rule().doubleParam("tolerance", 0.2);
        boolean agrees = inHistory.stream().anyMatch(h -> h.agreesWith(longest, tolerance));
        return agrees ? List.of() : List.of(Hit.at(cc.get().id(), longest.span()));
    }

    // --- vital signs -----------------------------------------------------------------------------

    private static final Set<Vitals.Kind> CORE = EnumSet.of(Vitals.Kind.T, Vitals.Kind.P, Vitals.Kind.R, Vitals.Kind.BP);

    /** Readings in the rule's section and in the sections named by {@code with_sections} (a separate "Vitals"). */
    private static List<Vitals.Reading> readings(RuleContext c, ReviewedSection own) {
        List<Vitals.Reading> readings = new ArrayList<>(Vitals.find(own.text()));
        for (String id : c.rule().listParam("with_sections")) {
            c.section(id).filter(s -> s != own).ifPresent(s -> readings.addAll(Vitals.find(s.text())));
        }
        return readings;
    }

    private static List<Hit> vitalsPresent(RuleContext c) {
        Optional<ReviewedSection> exam = c.section();
        if (!c.documented(exam)) {
            return List.of();
        }
        boolean any = readings(c, exam.get()).stream().anyMatch(r -> CORE.contains(r.kind()));
        return any || attested(c, exam.get()) ? List.of() : List.of(Hit.whole(exam.get().id(), exam.get().text()));
    }

    /** "生命体征平稳", "vital signs within normal limits": vitals were taken, their values not written. */
    private static boolean attested(RuleContext c, ReviewedSection own) {
        if (c.lexicon().vitalsAttested.in(own.text())) {
            return true;
        }
        for (String id : c.rule().listParam("with_sections")) {
            // A section of its own named "Vitals" that says anything ("Normal") attests them.
            if (c.section(id).filter(s -> s != own).filter(s -> c.documented(Optional.of(s))).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static List<Hit> vitalsComplete(RuleContext c) {
        Optional<ReviewedSection> exam = c.section();
        if (!c.documented(exam)) {
            return List.of();
        }
        List<Vitals.Reading> readings = readings(c, exam.get());
        if (readings.stream().noneMatch(r -> CORE.contains(r.kind())) && !attested(c, exam.get())) {
            return List.of(); // no vitals at all is exam.no_vitals, not this
        }
        List<Term> missing = new ArrayList<>();
        for (String required : c.rule().listParam("required")) {
            Vitals.Kind kind = Vitals.Kind.valueOf(required.toUpperCase(Locale.ROOT));
            if (readings.stream().noneMatch(r -> r.kind() == kind)) {
                missing.add(kind.term);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        return List.of(Hit.whole(exam.get().id(), exam.get().text(), join(missing)));
    }

    private static Term join(List<Term> terms) {
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        terms.forEach(t -> {
            en.add(t.en());
            zh.add(t.zh());
        });
        return new Term(String.join(", ", en), String.join("、", zh));
    }

    private static List<Hit> vitalsPlausible(RuleContext c) {
        double[] temperature = c.rule().rangeParam("temperature_c", 34, 43);
        double[] pulse = c.rule().rangeParam("pulse", 20, 250);
        double[] respiration = c.rule().rangeParam("respiration", 4, 60);
        double[] systolic = c.rule().rangeParam("systolic", 50, 280);
        double[] diastolic = c.rule().rangeParam("diastolic", 20, 180);
        double[] saturation = c.rule().rangeParam("spo2", 50, 100);
        List<Hit> hits = new ArrayList<>();
        for (ReviewedSection section : c.targets()) {
            for (Vitals.Reading r : Vitals.find(section.text())) {
                boolean plausible = switch (r.kind()) {
                    case T -> within(r.celsius(), temperature);
                    case P -> within(r.value(), pulse);
                    case R -> within(r.value(), respiration);
                    case SPO2 -> within(r.value(), saturation);
                    case BP -> within(r.value(), systolic)
                            && (Double.isNaN(r.second()) || (within(r.second(), diastolic) && r.value() > r.second()));
                };
                if (!plausible) {
                    hits.add(Hit.at(section.id(), r.span(), r.kind().term));
                }
            }
        }
        return hits;
    }

    private static boolean within(double value, double[] range) {
        return value >= range[0] && value <= range[1];
    }

    /** Blood pressure as systolic/diastolic; with {@code require_units}, every reading with its unit. */
    private static List<Hit> vitalsFormat(RuleContext c) {
        boolean requireUnits = c.rule().booleanParam("require_units", false);
        List<Hit> hits = new ArrayList<>();
        List<ReviewedSection> sections = new ArrayList<>(c.targets());
        for (String id : c.rule().listParam("with_sections")) {
            c.section(id).filter(s -> !sections.contains(s)).ifPresent(sections::add);
        }
        for (ReviewedSection section : sections) {
            for (Vitals.Reading r : Vitals.find(section.text())) {
                boolean singleNumberPressure = r.kind() == Vitals.Kind.BP && Double.isNaN(r.second());
                if (singleNumberPressure || (requireUnits && !r.hasUnit())) {
                    hits.add(Hit.at(section.id(), r.span(), r.kind().term));
                }
            }
        }
        return hits;
    }

    // --- record-wide form ------------------------------------------------------------------------

    private static List<Hit> datetimeValid(RuleContext c) {
        List<Hit> hits = new ArrayList<>();
        for (ReviewedSection section : c.targets()) {
            DateTimes.invalid(section.text()).forEach(span -> hits.add(Hit.at(section.id(), span)));
        }
        return hits;
    }

    private static List<Hit> unitCase(RuleContext c) {
        List<Hit> hits = new ArrayList<>();
        for (ReviewedSection section : c.targets()) {
            UnitSpellings.misspelled(section.text()).forEach(span -> hits.add(Hit.at(section.id(), span)));
        }
        return hits;
    }

    private static List<Hit> placeholder(RuleContext c) {
        List<Hit> hits = new ArrayList<>();
        for (ReviewedSection section : c.targets()) {
            c.lexicon().placeholders.find(section.text()).forEach(span -> hits.add(Hit.at(section.id(), span)));
        }
        return hits;
    }

    // --- medications -----------------------------------------------------------------------------

    private static List<Hit> medicationOrder(RuleContext c) {
        String requires = c.rule().textParam("requires", "dose");
        List<Hit> hits = new ArrayList<>();
        for (ReviewedSection section : c.targets()) {
            for (MedicationOrders.Mention m : c.mentions(section.text())) {
                if (!m.order()) {
                    continue;
                }
                boolean present = switch (requires) {
                    case "dose" -> m.dose();
                    case "frequency" -> m.frequency();
                    case "route" -> m.route();
                    default -> throw new IllegalStateException("rule " + c.rule().id() + ": requires " + requires);
                };
                if (!present) {
                    hits.add(Hit.at(section.id(), m.segment()));
                }
            }
        }
        return hits;
    }

    private static List<Hit> allergyConflict(RuleContext c) {
        Set<Lexicon.AllergenClass> allergies = Allergies.of(c.record(), c.pack(),
                c.rule().textParam("allergies", "allergies"), c.lexicon());
        if (allergies.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (ReviewedSection section : c.targets()) {
            for (MedicationOrders.Mention m : c.mentions(section.text())) {
                if (m.excluded()) {
                    continue;
                }
                String drug = m.drug().of(section.text());
                for (Lexicon.AllergenClass allergen : allergies) {
                    if (allergen.drugs().in(drug)) {
                        hits.add(Hit.at(section.id(), m.drug(), allergen.label()));
                        break;
                    }
                }
            }
        }
        return hits;
    }

    // --- plan and diagnosis ----------------------------------------------------------------------

    private static List<Hit> planExpected(RuleContext c) {
        Optional<ReviewedSection> diagnosis = c.section(c.rule().textParam("diagnosis", "diagnosis"));
        Optional<ReviewedSection> plan = c.section();
        if (!c.documented(diagnosis) || !c.documented(plan)) {
            return List.of();
        }
        String firm = firmDiagnoses(diagnosis.get().text(), c.lexicon());
        List<Hit> hits = new ArrayList<>();
        for (Lexicon.PlanExpectation expectation : c.lexicon().expectations) {
            if (expectation.diagnosis().in(firm) && !expectation.plan().in(plan.get().text())) {
                hits.add(Hit.whole(plan.get().id(), plan.get().text(), expectation.label()));
            }
        }
        return hits;
    }

    private static List<Hit> planQuestionable(RuleContext c) {
        Optional<ReviewedSection> diagnosis = c.section(c.rule().textParam("diagnosis", "diagnosis"));
        Optional<ReviewedSection> plan = c.section();
        if (!c.documented(diagnosis) || !c.documented(plan)) {
            return List.of();
        }
        String dx = firmDiagnoses(diagnosis.get().text(), c.lexicon());
        String text = plan.get().text();
        List<Hit> hits = new ArrayList<>();
        for (Lexicon.QuestionablePlan doubtful : c.lexicon().questionable) {
            if (!doubtful.diagnosis().in(dx) || doubtful.unless().in(dx)) {
                continue;
            }
            for (TextSpan clause : Sentences.clauses(text)) {
                String words = clause.of(text);
                if (c.lexicon().planNegation.in(words)) {
                    continue;
                }
                List<TextSpan> drugs = doubtful.plan().find(words);
                if (!drugs.isEmpty()) {
                    TextSpan first = drugs.get(0);
                    hits.add(Hit.at(plan.get().id(), new TextSpan(clause.start() + first.start(),
                            clause.start() + first.end()), doubtful.label()));
                }
            }
        }
        return hits;
    }

    /**
     * The diagnosis text without its hedged sentences ("possible etiologies include GERD", "除外肺炎",
     * "history of asthma"): a differential is not a diagnosis the plan must treat.
     */
    private static String firmDiagnoses(String text, Lexicon lexicon) {
        StringBuilder firm = new StringBuilder();
        for (TextSpan sentence : Sentences.sentences(text)) {
            String words = sentence.of(text);
            if (!lexicon.diagnosisHedges.in(words)) {
                firm.append(words).append('\n');
            }
        }
        return firm.toString();
    }

    // --- evidence --------------------------------------------------------------------------------

    /** Statements the draft's evidence check could not support and that are still in the record. */
    private static List<Hit> unsupportedStatement(RuleContext c) {
        List<Hit> hits = new ArrayList<>();
        for (ReviewedSection section : c.targets()) {
            for (ReviewedStatement statement : section.statements()) {
                if (Boolean.FALSE.equals(statement.supported())) {
                    hits.add(new Hit(section.id(), new TextSpan(statement.start(), statement.end()), List.of(),
                            statement.unsupportedReason(), statement.evidence()));
                }
            }
        }
        return hits;
    }

    private static List<Hit> dropOverlapping(List<Hit> hits) {
        List<Hit> out = new ArrayList<>();
        for (Hit hit : hits) {
            if (out.stream().noneMatch(h -> h.section().equals(hit.section()) && h.span().overlaps(hit.span()))) {
                out.add(hit);
            }
        }
        return out;
    }
}
