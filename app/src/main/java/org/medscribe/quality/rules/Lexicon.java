package org.medscribe.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.medscribe.clinical.ClinicalLexicon;
import org.medscribe.record.RecordLanguage;
import org.medscribe.quality.Term;

/**
 * The vocabulary the rules work with, per record language: symptoms, the words of onset, course and
 * negation, placeholders; and, shared by both languages (Chinese records write {@code po tid} and
 * English drug names too), medication orders, allergen classes and the diagnosis → plan table. All of
 * it is data ({@code org/medscribe/quality/lexicon/*.json}; the drug names are the clinical kernel's
 * one drug table, {@link ClinicalLexicon}); this class only compiles it. Immutable.
 */
final class Lexicon {

    /** A symptom and the other words for it, to see whether two sections speak of the same thing. */
    record SymptomGroup(List<String> terms, TermSet set) {
    }

    /** Drugs one may be allergic to as a class, and the drugs of that class. */
    record AllergenClass(String id, Term label, TermSet allergen, TermSet drugs) {
    }

    /** For a diagnosis, words a plan that manages it would contain. */
    record PlanExpectation(String id, Term label, TermSet diagnosis, TermSet plan) {
    }

    /** For a diagnosis, drugs a plan would normally not contain (unless the diagnosis says otherwise). */
    record QuestionablePlan(String id, Term label, TermSet diagnosis, TermSet unless, TermSet plan) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final RecordLanguage language;
    final List<SymptomGroup> symptomGroups;
    final TermSet symptoms;
    final TermSet onset;
    final TermSet course;
    final TermSet negatives;
    final TermSet allergyDocumented;
    final TermSet notDocumented;
    final TermSet placeholders;
    final TermSet vitalsAttested;
    final TermSet abnormalResult;

    final TermSet drugs;
    final TermSet notDrugs;
    final TermSet dose;
    final TermSet frequency;
    final TermSet route;
    final TermSet routeByForm;
    final TermSet orderVerbs;
    final TermSet continuation;
    final TermSet stopWords;
    final TermSet planNegation;
    final TermSet diagnosisHedges;

    final List<AllergenClass> allergenClasses;
    final List<PlanExpectation> expectations;
    final List<QuestionablePlan> questionable;

    private Lexicon(RecordLanguage language, JsonNode words, JsonNode medications, JsonNode allergens, JsonNode plans) {
        this.language = language;
        List<SymptomGroup> groups = new ArrayList<>();
        List<String> allSymptoms = new ArrayList<>();
        for (JsonNode group : words.path("symptom_groups")) {
            List<String> terms = strings(group);
            groups.add(new SymptomGroup(terms, TermSet.literals(terms)));
            allSymptoms.addAll(terms);
        }
        this.symptomGroups = List.copyOf(groups);
        this.symptoms = TermSet.literals(allSymptoms).plus(regexes(words, "symptom_cues"));
        this.onset = regexes(words, "onset");
        this.course = regexes(words, "course");
        this.negatives = regexes(words, "negatives");
        this.allergyDocumented = regexes(words, "allergy_documented");
        this.notDocumented = regexes(words, "not_documented");
        this.placeholders = regexes(words, "placeholders");
        this.vitalsAttested = regexes(words, "vitals_attested");
        this.abnormalResult = regexes(words, "abnormal_result");

        this.drugs = TermSet.literals(ClinicalLexicon.standard().allDrugSpellings())
                .plus(regexes(medications, "patterns"));
        this.notDrugs = TermSet.literals(strings(medications.path("not_drugs")));
        this.dose = regexes(medications, "dose");
        this.frequency = regexes(medications, "frequency");
        this.route = regexes(medications, "route");
        this.routeByForm = regexes(medications, "route_by_form");
        this.orderVerbs = regexes(medications, "order_verbs");
        this.continuation = regexes(medications, "continuation");
        this.stopWords = regexes(medications, "stop");
        this.planNegation = regexes(plans, "negation");
        this.diagnosisHedges = regexes(plans, "hedges");

        List<AllergenClass> classes = new ArrayList<>();
        for (JsonNode c : allergens.path("classes")) {
            classes.add(new AllergenClass(c.path("id").asText(), term(c.path("label")), regexes(c, "allergen"),
                    regexes(c, "drugs")));
        }
        this.allergenClasses = List.copyOf(classes);
        List<PlanExpectation> expected = new ArrayList<>();
        for (JsonNode e : plans.path("expected")) {
            expected.add(new PlanExpectation(e.path("id").asText(), term(e.path("label")), regexes(e, "diagnosis"),
                    regexes(e, "plan")));
        }
        this.expectations = List.copyOf(expected);
        List<QuestionablePlan> doubtful = new ArrayList<>();
        for (JsonNode q : plans.path("questionable")) {
            doubtful.add(new QuestionablePlan(q.path("id").asText(), term(q.path("label")), regexes(q, "diagnosis"),
                    regexes(q, "unless"), regexes(q, "plan")));
        }
        this.questionable = List.copyOf(doubtful);
    }

    static Lexicon load(RecordLanguage language) {
        return new Lexicon(language, read(language.code() + ".json"), read("medications.json"),
                read("allergens.json"), read("plan-consistency.json"));
    }

    private static JsonNode read(String name) {
        String resource = "/org/medscribe/quality/lexicon/" + name;
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lexicon resource missing: " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("lexicon unreadable: " + resource, e);
        }
    }

    private static TermSet regexes(JsonNode node, String field) {
        return TermSet.regexes(strings(node.path(field)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Term term(JsonNode label) {
        return new Term(label.path("en").asText(), label.path("zh").asText());
    }
}
