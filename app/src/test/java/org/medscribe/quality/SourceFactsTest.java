package org.medscribe.quality;

import org.medscribe.record.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medscribe.common.CancellationToken;
import org.medscribe.quality.rules.RulePacks;

/**
 * The drafting fact checks on the record as it stands: allergies, medications and sides the record
 * loses. Every {@code facts.*} rule has a failing and a passing case in each template ({@link #cases()},
 * held to that by {@link RuleCasesTest}).
 */
class SourceFactsTest {

    private static final String ZH = RuleCasesTest.ZH;
    private static final String EN = RuleCasesTest.EN;

    /** One case: rule, template, section edits (null removes the section), the source, whether the rule must fire. */
    record Case(String rule, String template, Map<String, String> edits, String source, boolean fires) {
        @Override
        public String toString() {
            return (fires ? "fires " : "silent ") + rule + " [" + template + "] " + edits;
        }
    }

    private static final String PENICILLIN_ZH = """
            医生：对什么药物过敏吗？
            患者：对青霉素过敏，起过皮疹。""";
    private static final String PENICILLIN_EN = "Sore throat for 2 days. Allergic to penicillin, hives.";
    private static final String AMLODIPINE_ZH = """
            医生：平时吃什么药吗？
            患者：一直在吃氨氯地平，每天一片。""";
    private static final String METFORMIN_EN = "Sore throat for 2 days, fever 38.5 yesterday. "
            + "She takes metformin 500 mg twice daily. No known drug allergies.";
    private static final String RIGHT_KNEE_ZH = """
            患者：一周前摔倒后右膝肿痛。
            医生：查体右膝肿胀，内侧压痛。""";
    private static final String RIGHT_KNEE_EN = "Pain and swelling of the right knee for a week after a fall. "
            + "Exam: right knee swollen, tender medially.";

    static List<Case> cases() {
        return List.of(
                fails("facts.allergy_conflict", ZH, PENICILLIN_ZH),
                passes("facts.allergy_conflict", ZH, PENICILLIN_ZH, "过敏史", "青霉素过敏（皮疹）。"),
                fails("facts.allergy_conflict", EN, PENICILLIN_EN),
                passes("facts.allergy_conflict", EN, PENICILLIN_EN, "allergies", "Penicillin (hives)."),
                fails("facts.allergy_omitted", ZH, PENICILLIN_ZH, "过敏史", null),
                passes("facts.allergy_omitted", ZH, PENICILLIN_ZH, "过敏史", null, "既往史", "既往体健，青霉素过敏史。"),
                fails("facts.allergy_omitted", EN, PENICILLIN_EN, "allergies", null),
                passes("facts.allergy_omitted", EN, PENICILLIN_EN, "allergies", "Penicillin (hives)."),
                fails("facts.medication_omitted", ZH, AMLODIPINE_ZH),
                passes("facts.medication_omitted", ZH, AMLODIPINE_ZH, "既往史",
                        "高血压病史2年，长期口服氨氯地平片 5mg 每日一次。否认糖尿病病史。"),
                fails("facts.medication_omitted", EN, METFORMIN_EN),
                passes("facts.medication_omitted", EN, METFORMIN_EN, "medications", "Metformin 500 mg PO twice daily."),
                fails("facts.laterality_conflict", ZH, RIGHT_KNEE_ZH, "体格检查",
                        "T 36.8℃，P 76次/分，R 16次/分，BP 122/78mmHg。左膝关节肿胀，内侧压痛。"),
                passes("facts.laterality_conflict", ZH, RIGHT_KNEE_ZH, "体格检查",
                        "T 36.8℃，P 76次/分，R 16次/分，BP 122/78mmHg。右膝关节肿胀，内侧压痛。"),
                fails("facts.laterality_conflict", EN, RIGHT_KNEE_EN, "physical_exam",
                        "T 36.8 °C, HR 76, RR 14, BP 122/78 mmHg. Swelling of the left knee, no effusion."),
                passes("facts.laterality_conflict", EN, RIGHT_KNEE_EN, "physical_exam",
                        "T 36.8 °C, HR 76, RR 14, BP 122/78 mmHg. Swelling of the right knee, no effusion."));
    }

    private static Case fails(String rule, String template, String source, String... edits) {
        return new Case(rule, template, RuleCasesTest.pairs(edits), source, true);
    }

    private static Case passes(String rule, String template, String source, String... edits) {
        return new Case(rule, template, RuleCasesTest.pairs(edits), source, false);
    }

    private final QualityControl quality = new QualityControl(RulePacks.builtIn());

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void factRuleFiresExactlyWhenTheRecordLosesOrContradictsTheSource(Case c) {
        RecordUnderReview record = RuleCasesTest.edited(c.template(), c.edits());
        List<Finding> mine = facts(record, c.source()).stream().filter(f -> f.rule().equals(c.rule())).toList();
        if (c.fires()) {
            assertThat(mine).as("findings of %s", c.rule()).isNotEmpty();
            var spec = RulePacks.builtIn().forTemplate(c.template()).orElseThrow().rule(c.rule()).orElseThrow();
            for (Finding finding : mine) {
                assertThat(finding.source()).isEqualTo(FindingSource.RULE);
                assertThat(finding.severity()).isEqualTo(spec.severity());
                assertThat(finding.detail()).isNotBlank();
                String text = record.section(finding.section()).map(ReviewedSection::text).orElse("");
                assertThat(finding.end()).isLessThanOrEqualTo(text.length());
            }
        } else {
            assertThat(mine).as("findings of %s", c.rule()).isEmpty();
        }
    }

    private List<Finding> facts(RecordUnderReview record, String... sources) {
        List<SourceText> texts = new java.util.ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            texts.add(new SourceText("source-" + (i + 1), sources[i]));
        }
        return quality.check(record, texts, null, CancellationToken.none()).findings().stream()
                .filter(f -> f.rule().startsWith("facts.")).toList();
    }

    @Test
    void aRecordThatDeniesAnAllergyTheSourcesNameIsCriticalInChinese() {
        List<Finding> found = facts(Records.zh(Records.outpatientZh()), """
                医生：对什么药物过敏吗？
                患者：对青霉素过敏，起过皮疹。
                医生：平时吃什么药？
                患者：发烧的时候吃过对乙酰氨基酚。""");
        assertThat(found).extracting(Finding::rule).contains("facts.allergy_conflict");
        Finding conflict = found.stream().filter(f -> f.rule().equals("facts.allergy_conflict")).findFirst().orElseThrow();
        assertThat(conflict.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(conflict.section()).isEqualTo("过敏史");
        assertThat(conflict.detail()).isNotBlank();
        assertThat(SigningGate.evaluate(found).allowed()).isFalse();
    }

    @Test
    void aCurrentMedicationTheRecordLeavesOutIsMajorInEnglish() {
        List<Finding> found = facts(Records.en(Records.soapEn()), "Sore throat for 2 days, fever 38.5 yesterday. "
                + "She takes metformin 500 mg twice daily. No known drug allergies.");
        assertThat(found).filteredOn(f -> f.rule().equals("facts.medication_omitted")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.MAJOR);
                    assertThat(f.section()).isEqualTo("medications");
                    assertThat(f.detail()).containsIgnoringCase("metformin");
                });
    }

    @Test
    void anAllergyTheRecordNeverMentionsIsOmitted() {
        var sections = Records.soapEn();
        sections.remove("allergies");
        List<Finding> found = facts(Records.en(sections), "Sore throat for 2 days. Allergic to penicillin, hives.");
        assertThat(found).extracting(Finding::rule).contains("facts.allergy_omitted");
    }

    @Test
    void theWrongSideIsFound() {
        var sections = Records.soapEn();
        sections.put("physical_exam", "T 36.8 °C, HR 76, RR 14, BP 122/78 mmHg. Swelling of the left knee, no effusion.");
        List<Finding> found = facts(Records.en(sections), "Pain and swelling of the right knee for a week after a fall. "
                + "Exam: right knee swollen, tender medially.");
        assertThat(found).filteredOn(f -> f.rule().equals("facts.laterality_conflict")).singleElement()
                .satisfies(f -> {
                    assertThat(f.section()).isEqualTo("physical_exam");
                    assertThat(sections.get("physical_exam").substring(f.start(), f.end())).contains("left knee");
                });
    }

    @Test
    void aRecordFaithfulToItsSourcesHasNoSuchFinding() {
        assertThat(facts(Records.zh(Records.outpatientZh()), "患者咳嗽、咳白痰3天，1天前发热，体温最高38.6度，"
                + "自服对乙酰氨基酚后可退热。否认高血压、糖尿病。否认药物、食物过敏。")).isEmpty();
        assertThat(facts(Records.en(Records.soapEn()), "Sore throat for 2 days and fever to 38.5 yesterday. "
                + "No cough. No medical problems, no medications, no known drug allergies.")).isEmpty();
    }

    /** Issue 14: a test for, screening for or denial of an allergy in the sources is no allergy the record left out. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "建议查过敏原（花粉、尘螨）。咳嗽、咳白痰3天。",
            "过敏原IgE检测（花粉/尘螨）待回报。咳嗽、咳白痰3天。",
            "Tested for pollen and dust mite allergies last year. Sore throat for 2 days.",
            "Screening for pollen or dust allergy next week. Sore throat for 2 days.",
            "Denies pollen or dust allergy. Sore throat for 2 days."})
    void anAllergyTestOrDenialInTheSourcesIsNoOmittedAllergy(String source) {
        boolean chinese = source.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        var sections = chinese ? Records.outpatientZh() : Records.soapEn();
        sections.remove(chinese ? "过敏史" : "allergies");
        List<Finding> found = facts(chinese ? Records.zh(sections) : Records.en(sections), source);
        assertThat(found).extracting(Finding::rule).doesNotContain("facts.allergy_omitted", "facts.allergy_conflict");
        assertThat(facts(chinese ? Records.zh(Records.outpatientZh()) : Records.en(Records.soapEn()), source))
                .extracting(Finding::rule).doesNotContain("facts.allergy_omitted", "facts.allergy_conflict");
    }

    @Test
    void withoutSourcesNothingIsChecked() {
        var sections = Records.soapEn();
        sections.remove("allergies");
        assertThat(quality.check(Records.en(sections)).findings()).noneMatch(f -> f.rule().startsWith("facts."));
    }
}
