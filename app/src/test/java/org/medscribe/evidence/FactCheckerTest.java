package org.medscribe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medscribe.record.DraftSection;
import org.medscribe.record.Statement;
import org.medscribe.record.Flag;
import org.medscribe.record.FlagKind;
import org.medscribe.record.FlagSeverity;
import org.medscribe.record.SectionStatus;
import org.medscribe.clinical.ClinicalText;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.TemplateLibrary;
import org.medscribe.record.TemplateSection;

class FactCheckerTest {

    private final FactChecker checker = new FactChecker();
    private final TemplateLibrary templates = TemplateLibrary.builtIn();

    private List<Flag> check(String templateId, String sourceText, String sectionId, String... statements) {
        SegmentedSources sources = new Segmenter().segment(List.of(Segmenter.guess("s", sourceText)));
        RecordTemplate template = templates.get(templateId);
        EvidenceMatcher matcher = new EvidenceMatcher(sources);
        List<DraftSection> sections = new ArrayList<>();
        for (TemplateSection section : template.sections()) {
            List<Statement> list = new ArrayList<>();
            if (section.id().equals(sectionId)) {
                for (String text : statements) {
                    List<Integer> all = new ArrayList<>();
                    sources.segments().forEach(s -> all.add(s.number()));
                    EvidenceCheck c = matcher.check(text, all);
                    list.add(new Statement(text, section.facts().get(0), null, all, c.supported(), c.reason(), c.evidence()));
                }
            }
            sections.add(new DraftSection(section.id(), section.title(), section.kind(), section.required(),
                    list.isEmpty() ? SectionStatus.NOT_DOCUMENTED : SectionStatus.DRAFTED, list));
        }
        return checker.check(template, sections, sources, true);
    }

    private static List<FlagKind> kinds(List<Flag> flags) {
        return flags.stream().map(Flag::kind).toList();
    }

    @Test
    void valuesAndUnitsMustComeFromTheSources() {
        String note = "Metformin 500 mg twice daily. Temperature 38.5 C. Weight 80 kg.";
        assertThat(kinds(check("soap-en", note, "medications", "Metformin 500 mg twice daily")))
                .doesNotContain(FlagKind.VALUE_NOT_IN_SOURCES, FlagKind.FREQUENCY_NOT_IN_SOURCES, FlagKind.DRUG_NOT_IN_SOURCES);
        List<Flag> flags = check("soap-en", note, "medications", "Metformin 850 mg twice daily");
        assertThat(kinds(flags)).contains(FlagKind.VALUE_NOT_IN_SOURCES);
        assertThat(flags.stream().filter(f -> f.kind() == FlagKind.VALUE_NOT_IN_SOURCES).findFirst().orElseThrow().values())
                .containsExactly("850 mg");
        assertThat(kinds(check("soap-en", note, "medications", "Metformin 500 g twice daily"))).contains(FlagKind.UNIT_MISMATCH);
        assertThat(kinds(check("soap-en", note, "medications", "Metformin 500 mg three times a day")))
                .contains(FlagKind.FREQUENCY_NOT_IN_SOURCES);
        // "twice daily" is bid only: its "daily" does not make a once-daily dose look sourced.
        assertThat(kinds(check("soap-en", note, "medications", "Metformin 500 mg daily")))
                .contains(FlagKind.FREQUENCY_NOT_IN_SOURCES);
    }

    @Test
    void frequenciesAreCodesInBothLanguages() {
        assertThat(FactChecker.frequencies("ibuprofen 400 mg twice a day")).containsExactly("bid");
        assertThat(FactChecker.frequencies("布洛芬400毫克,每日两次")).containsExactly("bid");
        assertThat(FactChecker.frequencies("ambroxol 30 mg three times daily")).containsExactly("tid");
        assertThat(FactChecker.frequencies("levofloxacin 0.5 g once daily")).containsExactly("qd");
        assertThat(FactChecker.frequencies("左氧氟沙星0.5 g,每日一次")).containsExactly("qd");
    }

    @Test
    void chineseValuesFrequenciesAndNumerals() {
        String note = "患者咳嗽三天，体温38.5℃。予阿莫西林0.5 g，每日三次。";
        assertThat(kinds(check("outpatient-zh", note, "treatment", "阿莫西林0.5 g，一日3次", "咳嗽3天，体温38.5℃")))
                .doesNotContain(FlagKind.VALUE_NOT_IN_SOURCES, FlagKind.FREQUENCY_NOT_IN_SOURCES, FlagKind.UNIT_MISMATCH);
        assertThat(kinds(check("outpatient-zh", note, "treatment", "阿莫西林0.5 g，每日两次")))
                .contains(FlagKind.FREQUENCY_NOT_IN_SOURCES);
        assertThat(kinds(check("outpatient-zh", note, "treatment", "头孢克肟0.1 g，每日两次")))
                .contains(FlagKind.DRUG_NOT_IN_SOURCES);
        assertThat(kinds(check("outpatient-zh", note, "present_illness", "咳嗽五天"))).contains(FlagKind.VALUE_NOT_IN_SOURCES);
    }

    @Test
    void drugsInTheSourcesLeftOutAreFlaggedAsPossibleOmissions() {
        String note = "He takes lisinopril 10 mg daily and aspirin 81 mg daily.";
        List<Flag> flags = check("soap-en", note, "medications", "Lisinopril 10 mg daily");
        assertThat(flags).filteredOn(f -> f.kind() == FlagKind.MEDICATION_OMITTED)
                .singleElement().satisfies(f -> {
                    assertThat(f.values()).containsExactly("aspirin");
                    assertThat(f.section()).isEqualTo("medications");
                    assertThat(f.severity()).isEqualTo(FlagSeverity.WARNING);
                });
    }

    @Test
    void allergiesInTheSourcesMustReachTheDraft() {
        String dialogue = "[doctor] any allergies to medications?\n[patient] yes, penicillin gives me a rash.\n"
                + "[doctor] do you take anything?\n[patient] no.";
        assertThat(kinds(check("soap-en", dialogue, "allergies", "Penicillin allergy with rash")))
                .doesNotContain(FlagKind.ALLERGY_OMITTED, FlagKind.ALLERGY_CONFLICT);
        assertThat(kinds(check("soap-en", dialogue, "plan", "Rest"))).contains(FlagKind.ALLERGY_OMITTED);
        assertThat(kinds(check("soap-en", dialogue, "allergies", "No known drug allergies")))
                .contains(FlagKind.ALLERGY_CONFLICT);
        assertThat(kinds(check("outpatient-zh", "患者对青霉素过敏，否认其他病史。", "allergy_history", "否认药物过敏史")))
                .contains(FlagKind.ALLERGY_CONFLICT);
        assertThat(kinds(check("outpatient-zh", "否认药物及食物过敏史。咳嗽两天。", "allergy_history", "否认药物过敏史")))
                .doesNotContain(FlagKind.ALLERGY_CONFLICT, FlagKind.ALLERGY_OMITTED);
    }

    @Test
    void anAllergyTestInTheSourcesIsNoAllergy() {
        assertThat(kinds(check("outpatient-zh", "已预约青霉素过敏原检测。咳嗽两天。", "allergy_history", "否认药物过敏史")))
                .doesNotContain(FlagKind.ALLERGY_CONFLICT, FlagKind.ALLERGY_OMITTED);
        assertThat(kinds(check("soap-en", "Allergy testing for penicillin is scheduled. Cough for two days.", "plan", "Rest")))
                .doesNotContain(FlagKind.ALLERGY_OMITTED);
        assertThat(kinds(check("soap-en", "Allergic to penicillin. Cough for two days.", "plan", "Rest")))
                .contains(FlagKind.ALLERGY_OMITTED);
    }

    /** Issue 14: a test for, screening for or denial of an allergy names no allergy (花粉 and 尘螨 are allergens). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "建议行过敏原检测（花粉、尘螨）。咳嗽两天。",
            "过敏原检测：花粉、尘螨。咳嗽两天。",
            "建议查过敏原：花粉、尘螨。咳嗽两天。",
            "建议查过敏原（花粉、尘螨）。咳嗽两天。",
            "过敏原IgE检测（花粉/尘螨）待回报。咳嗽两天。",
            "已做花粉、尘螨过敏原检测，结果未回。咳嗽两天。",
            "过敏原筛查（花粉、尘螨）均阴性。咳嗽两天。",
            "医生：做过过敏原检测吗？\n患者：查过花粉和尘螨。",
            "否认花粉、尘螨过敏。咳嗽两天。",
            "Tested for pollen and dust mite allergies last year. Cough for two days.",
            "Screening for pollen and dust mite allergy next week. Cough for two days.",
            "Allergy skin testing for pollen and dust mites ordered. Cough for two days.",
            "Denies pollen or dust allergy. Cough for two days."})
    void testingScreeningOrDenyingAnAllergyNamesNone(String source) {
        boolean chinese = source.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        List<Flag> flags = chinese ? check("outpatient-zh", source, "allergy_history", "否认药物过敏史")
                : check("soap-en", source, "allergies", "No known drug allergies");
        assertThat(kinds(flags)).doesNotContain(FlagKind.ALLERGY_CONFLICT, FlagKind.ALLERGY_OMITTED);
        List<Flag> nothingAboutAllergies = chinese ? check("outpatient-zh", source, "present_illness", "咳嗽两天")
                : check("soap-en", source, "plan", "Rest");
        assertThat(kinds(nothingAboutAllergies)).doesNotContain(FlagKind.ALLERGY_CONFLICT, FlagKind.ALLERGY_OMITTED);
    }

    @Test
    void aPositiveAllergyStillCountsBesideATest() {
        assertThat(kinds(check("outpatient-zh", "过敏原检测后，确诊对花粉过敏。咳嗽两天。", "present_illness", "咳嗽两天")))
                .contains(FlagKind.ALLERGY_OMITTED);
        assertThat(kinds(check("soap-en", "Tested for allergies last year: allergic to pollen. Cough for two days.",
                "plan", "Rest"))).contains(FlagKind.ALLERGY_OMITTED);
    }

    @Test
    void chineseNumeralsTheOldReadersMisreadAreValues() {
        assertThat(FactChecker.digitsForHanNumerals("一百五天")).isEqualTo("150天");
        assertThat(FactChecker.digitsForHanNumerals("一千零二十克")).isEqualTo("1020克");
        assertThat(FactChecker.digitsForHanNumerals("咳嗽三天, 半月")).isEqualTo("咳嗽3天, 半月");
    }

    @Test
    void lateralityAndNegationConflicts() {
        assertThat(kinds(check("soap-en", "Pain in the left knee for two weeks.", "hpi", "Right knee pain for 2 weeks")))
                .contains(FlagKind.LATERALITY_CONFLICT);
        assertThat(kinds(check("outpatient-zh", "右下肺可闻及湿啰音。", "physical_exam", "左下肺可闻及湿啰音")))
                .contains(FlagKind.LATERALITY_CONFLICT);
        assertThat(kinds(check("soap-en", "He denies chest pain.", "ros", "Chest pain"))).contains(FlagKind.NEGATION_CONFLICT);
        assertThat(kinds(check("outpatient-zh", "患者有高血压病史10年。", "past_history", "否认高血压病史")))
                .contains(FlagKind.NEGATION_CONFLICT);
    }

    @Test
    void datesMustComeFromTheSources() {
        String note = "HbA1c 8.4% on 2024-03-02. 腹部B超（2024年5月10日）：胆囊结石。";
        assertThat(kinds(check("soap-en", note, "results", "HbA1c 8.4% on 2024-03-02"))).doesNotContain(FlagKind.DATE_NOT_IN_SOURCES);
        assertThat(kinds(check("soap-en", note, "results", "HbA1c 8.4% on 3/2/2024"))).doesNotContain(FlagKind.DATE_NOT_IN_SOURCES);
        assertThat(kinds(check("soap-en", note, "results", "HbA1c 8.4% on 2024-04-02"))).contains(FlagKind.DATE_NOT_IN_SOURCES);
        assertThat(kinds(check("outpatient-zh", note, "auxiliary_exam", "2024年5月10日B超示胆囊结石")))
                .doesNotContain(FlagKind.DATE_NOT_IN_SOURCES);
        assertThat(kinds(check("outpatient-zh", note, "auxiliary_exam", "5月11日B超示胆囊结石"))).contains(FlagKind.DATE_NOT_IN_SOURCES);
    }

    @Test
    void overlongSectionsAreNoted() {
        String note = "Cough. ".repeat(40) + "Fever for three days.";
        assertThat(kinds(check("soap-en", note, "chief_complaint", "Cough ".repeat(30) + "and fever")))
                .contains(FlagKind.SECTION_TOO_LONG);
    }

    @Test
    void allergyToADrugClassInTheExampleMustReachTheDraft() throws IOException {
        String visit = Files.readString(Path.of(System.getProperty("medscribe.project.dir", ".."))
                .resolve("examples").resolve("cough-fever-zh.txt"), StandardCharsets.UTF_8);
        List<Flag> omitted = check("outpatient-zh", visit, "present_illness", "咳嗽三天，发热，最高体温38.5度");
        assertThat(omitted).filteredOn(f -> f.kind() == FlagKind.ALLERGY_OMITTED)
                .singleElement().satisfies(f -> {
                    assertThat(f.values()).containsExactly("cephalosporin");
                    assertThat(f.section()).isEqualTo("allergy_history");
                });
        assertThat(kinds(check("outpatient-zh", visit, "allergy_history", "对头孢过敏，起过皮疹")))
                .doesNotContain(FlagKind.ALLERGY_OMITTED, FlagKind.ALLERGY_CONFLICT);
        assertThat(kinds(check("outpatient-zh", visit, "allergy_history", "否认药物过敏史")))
                .contains(FlagKind.ALLERGY_CONFLICT);
    }

    @Test
    void drugsOfTheAbdominalPainExampleAreKnown() {
        assertThat(ClinicalText.analyse("头孢哌酮舒巴坦静脉滴注，消旋山莨菪碱解痉止痛").drugNames())
                .containsExactly("cefoperazone-sulbactam", "anisodamine");
        assertThat(ClinicalText.analyse("对头孢过敏，磺胺类也过敏").drugNames()).containsExactly("cephalosporin", "sulfa");
        assertThat(ClinicalText.analyse("头孢曲松1 g").drugNames()).containsExactly("ceftriaxone");
    }
}
