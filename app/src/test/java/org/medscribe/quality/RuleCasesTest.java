package org.medscribe.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medscribe.quality.rules.ClinicRuleSettings;
import org.medscribe.quality.rules.RulePack;
import org.medscribe.quality.rules.RulePacks;
import org.medscribe.quality.rules.RuleSpec;

/**
 * Every rule with a failing and a passing case in each template that has it (English and Chinese):
 * one section of a clean record is changed and the rule must fire, or must stay silent. The fact-check
 * rules ({@code facts.*}) need sources: their cases are in {@link SourceFactsTest#cases()}, and the
 * coverage check below counts them too.
 */
class RuleCasesTest {

    static final String ZH = "outpatient-zh";
    static final String EN = "soap-en";

    /** One case: rule, template, section edits (null removes the section), whether the rule must fire. */
    record Case(String rule, String template, Map<String, String> edits, boolean fires) {
        @Override
        public String toString() {
            return (fires ? "fires " : "silent ") + rule + " [" + template + "] " + edits;
        }
    }

    static Case fails(String rule, String template, String... edits) {
        return new Case(rule, template, pairs(edits), true);
    }

    static Case passes(String rule, String template, String... edits) {
        return new Case(rule, template, pairs(edits), false);
    }

    static Map<String, String> pairs(String... edits) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < edits.length; i += 2) {
            map.put(edits[i], edits[i + 1]);
        }
        return map;
    }

    static List<Case> cases() {
        return List.of(
                // chief complaint
                fails("cc.missing", ZH, "主诉", null),
                fails("cc.missing", ZH, "主诉", "未记录"),
                passes("cc.missing", ZH, "主诉", "头痛2天"),
                fails("cc.missing", EN, "chief_complaint", ""),
                passes("cc.missing", EN, "chief_complaint", "Headache for 2 days."),
                fails("cc.too_long", ZH, "主诉", "咳嗽、咳痰伴发热、咽痛、全身乏力、食欲下降及夜间盗汗3天"),
                passes("cc.too_long", ZH, "主诉", "咳嗽、咳痰3天，发热1天。"),
                fails("cc.too_long", EN, "chief_complaint",
                        "Cough with yellow sputum, fever, chills, sore throat, body aches and poor appetite for 3 days"),
                passes("cc.too_long", EN, "chief_complaint", "Cough with yellow sputum for 3 days."),
                fails("cc.no_duration", ZH, "主诉", "咳嗽、咳痰"),
                passes("cc.no_duration", ZH, "主诉", "咳嗽、咳痰半月"),
                passes("cc.no_duration", ZH, "主诉", "反复咳嗽1年余，加重三天"),
                passes("cc.no_duration", ZH, "主诉", "头痛数小时"),
                fails("cc.no_duration", EN, "chief_complaint", "Sore throat and fever."),
                passes("cc.no_duration", EN, "chief_complaint", "Sore throat and fever for two days."),
                passes("cc.no_duration", EN, "chief_complaint", "Cough x3 days"),
                fails("cc.no_symptom", ZH, "主诉", "高血压复诊"),
                fails("cc.no_symptom", ZH, "主诉", "糖尿病开药"),
                passes("cc.no_symptom", ZH, "主诉", "体检发现血糖升高1月"),
                fails("cc.no_symptom", EN, "chief_complaint", "Diabetes follow-up."),
                fails("cc.no_symptom", EN, "chief_complaint", "Medication refill."),
                passes("cc.no_symptom", EN, "chief_complaint", "Left knee pain for 1 week."),
                // history of present illness
                fails("hpi.missing", ZH, "现病史", null),
                passes("hpi.missing", ZH),
                fails("hpi.missing", EN, "hpi", ""),
                passes("hpi.missing", EN),
                fails("hpi.no_onset", ZH, "现病史", "患者咳嗽，咳白痰，伴发热，无胸痛、气促，未治疗。"),
                passes("hpi.no_onset", ZH, "现病史", "患者于3天前受凉后出现咳嗽，咳白痰，无胸痛。"),
                passes("hpi.no_onset", ZH, "现病史", "患者昨日起咳嗽，咳白痰，无胸痛。"),
                fails("hpi.no_onset", EN, "hpi", "She has a sore throat and fever. Swallowing is painful. She denies cough."),
                passes("hpi.no_onset", EN, "hpi", "Sore throat began 2 days ago. She denies cough."),
                fails("hpi.no_course", ZH, "现病史", "3天前出现咳嗽，无发热。"),
                passes("hpi.no_course", ZH, "现病史", "3天前出现咳嗽，逐渐加重，无发热。"),
                fails("hpi.no_course", EN, "hpi", "Sore throat started 2 days ago. She denies cough."),
                passes("hpi.no_course", EN, "hpi", "Sore throat started 2 days ago and is getting worse. She denies cough."),
                fails("hpi.no_negatives", ZH, "现病史", "患者3天前受凉后出现咳嗽、咳白痰，伴发热，自服感冒药后症状稍缓解。"),
                passes("hpi.no_negatives", ZH),
                fails("hpi.no_negatives", EN, "hpi", "Sore throat started 2 days ago with fever; it is worse when swallowing."),
                passes("hpi.no_negatives", EN),
                fails("hpi.cc_symptom_mismatch", ZH, "现病史", "患者3天前出现腹痛，以脐周为著，伴恶心，无呕吐、腹泻。"),
                passes("hpi.cc_symptom_mismatch", ZH),
                passes("hpi.cc_symptom_mismatch", ZH, "主诉", "上腹痛2天", "现病史", "患者2天前进食后出现上腹部隐痛，无呕吐。"),
                fails("hpi.cc_symptom_mismatch", ZH, "主诉", "胸痛2天"), // the history only denies it: 无胸痛
                fails("hpi.cc_symptom_mismatch", EN, "chief_complaint", "Cough for 2 days."), // "She denies cough"
                fails("hpi.cc_symptom_mismatch", EN, "hpi", "Abdominal pain started 2 days ago, worse after meals. No vomiting."),
                passes("hpi.cc_symptom_mismatch", EN),
                fails("hpi.cc_duration_mismatch", ZH, "现病史", "患者2周前受凉后出现咳嗽、咳痰，1周前出现发热，无胸痛。"),
                passes("hpi.cc_duration_mismatch", ZH),
                passes("hpi.cc_duration_mismatch", ZH, "主诉", "咳嗽半月", "现病史", "患者2周前受凉后出现咳嗽，无发热。"),
                fails("hpi.cc_duration_mismatch", EN, "hpi", "Sore throat started 3 weeks ago and is getting worse. No cough."),
                passes("hpi.cc_duration_mismatch", EN),
                // histories
                fails("pmh.missing", ZH, "既往史", null),
                fails("pmh.missing", ZH, "既往史", "略"),
                passes("pmh.missing", ZH, "既往史", "否认慢性病史。"),
                fails("pmh.missing", EN, "pmh", "Not documented."),
                passes("pmh.missing", EN, "pmh", "None."),
                fails("meds.missing", EN, "medications", null),
                passes("meds.missing", EN, "medications", "None."),
                fails("allergy.missing", ZH, "过敏史", null),
                passes("allergy.missing", ZH, "过敏史", null, "既往史", "既往体健，否认药物过敏史。"),
                fails("allergy.missing", EN, "allergies", null),
                passes("allergy.missing", EN, "allergies", "NKDA"),
                fails("personal.missing", ZH, "个人史", null),
                passes("personal.missing", ZH),
                fails("family.missing", ZH, "家族史", ""),
                passes("family.missing", ZH),
                fails("social_family.missing", EN, "social_family_history", null),
                passes("social_family.missing", EN),
                // examination
                fails("exam.missing", ZH, "体格检查", null),
                passes("exam.missing", ZH),
                fails("exam.missing", EN, "physical_exam", ""),
                passes("exam.missing", EN),
                fails("exam.no_vitals", ZH, "体格检查", "神清，咽部充血，双肺呼吸音清。"),
                passes("exam.no_vitals", ZH),
                fails("exam.no_vitals", EN, "physical_exam", "Tonsils enlarged. Lungs clear."),
                passes("exam.no_vitals", EN),
                passes("exam.no_vitals", ZH, "体格检查", "生命体征平稳。神清，咽部充血。"),
                passes("exam.no_vitals", EN, "physical_exam", "Tonsils enlarged. Lungs clear.", "vitals",
                        "BP 122/78 mmHg, HR 96, RR 16, T 38.1 °C."),
                fails("exam.vitals_incomplete", ZH, "体格检查", "生命体征平稳。神清，咽部充血。"),
                passes("exam.vitals_incomplete", EN, "physical_exam", "Tonsils enlarged. Lungs clear.", "vitals",
                        "BP 122/78 mmHg, HR 96, RR 16, T 38.1 °C."),
                fails("exam.vitals_incomplete", ZH, "体格检查", "T 36.8℃，BP 120/80mmHg。神清。"),
                passes("exam.vitals_incomplete", ZH),
                fails("exam.vitals_incomplete", EN, "physical_exam", "BP 122/78, HR 96. Lungs clear."),
                passes("exam.vitals_incomplete", EN),
                fails("vitals.implausible", ZH, "体格检查", "T 48.5℃，P 92次/分，R 20次/分，BP 118/76mmHg。"),
                fails("vitals.implausible", ZH, "体格检查", "T 36.5℃，P 92次/分，R 20次/分，BP 76/118mmHg。"),
                passes("vitals.implausible", ZH),
                fails("vitals.implausible", EN, "physical_exam", "T 38.1 °C, HR 960, RR 16, BP 122/78 mmHg."),
                passes("vitals.implausible", EN, "physical_exam", "T 101.3 F, HR 96, RR 16, BP 122/78 mmHg."),
                fails("vitals.format", ZH, "体格检查", "T 38.2，P 92，R 20，BP 118/76。神清。"),
                fails("vitals.format", ZH, "体格检查", "T 38.2℃，P 92次/分，R 20次/分，BP 120-80mmHg。"),
                passes("vitals.format", ZH),
                fails("vitals.format", EN, "physical_exam", "BP 122, HR 96, RR 16, T 38.1 °C."),
                passes("vitals.format", EN),
                // diagnosis and plan
                fails("diagnosis.missing", ZH, "初步诊断", null),
                passes("diagnosis.missing", ZH, "初步诊断", "发热待查"),
                fails("diagnosis.missing", EN, "assessment", ""),
                passes("diagnosis.missing", EN),
                fails("plan.missing", ZH, "处理意见", null),
                passes("plan.missing", ZH),
                fails("plan.missing", EN, "plan", null),
                passes("plan.missing", EN),
                fails("plan.diagnosis_mismatch", ZH, "初步诊断", "1. 急性上呼吸道感染 2. 高血压病"),
                passes("plan.diagnosis_mismatch", ZH, "初步诊断", "1. 急性上呼吸道感染 2. 高血压病", "处理意见",
                        "对乙酰氨基酚片 0.5g 口服 必要时。继续氨氯地平片 5mg 口服 每日一次，监测血压。"),
                fails("plan.diagnosis_mismatch", EN, "assessment", "Streptococcal pharyngitis. Type 2 diabetes."),
                passes("plan.diagnosis_mismatch", EN, "assessment", "Streptococcal pharyngitis. Type 2 diabetes.", "plan",
                        "Amoxicillin 500 mg PO twice daily for 10 days. Continue metformin; recheck A1c in 3 months."),
                passes("plan.diagnosis_mismatch", EN, "assessment",
                        "Non-cardiac chest pain. Possible etiologies include GERD and anxiety.", "plan",
                        "Reassurance. Return if the pain recurs."),
                passes("plan.diagnosis_mismatch", ZH, "初步诊断", "1. 急性上呼吸道感染\n2. 肺炎待排", "处理意见",
                        "对乙酰氨基酚片 0.5g 口服 必要时。多饮水，注意休息。"),
                fails("plan.questionable_drug", ZH, "初步诊断", "病毒性上呼吸道感染", "处理意见",
                        "阿莫西林胶囊 0.5g 口服 每日三次。多饮水，注意休息。"),
                passes("plan.questionable_drug", ZH, "初步诊断", "病毒性上呼吸道感染", "处理意见", "暂不使用抗生素，多饮水，注意休息。"),
                passes("plan.questionable_drug", ZH, "初步诊断", "病毒性上呼吸道感染合并细菌感染", "处理意见",
                        "阿莫西林胶囊 0.5g 口服 每日三次。"),
                fails("plan.questionable_drug", EN, "assessment", "Viral upper respiratory infection.", "plan",
                        "Azithromycin 500 mg PO daily for 3 days. Rest and fluids."),
                passes("plan.questionable_drug", EN, "assessment", "Viral upper respiratory infection.", "plan",
                        "Rest and fluids; antibiotics are not indicated."),
                // medication orders
                fails("med.no_dose", ZH, "处理意见", "阿莫西林胶囊 口服 每日三次。"),
                passes("med.no_dose", ZH),
                fails("med.no_dose", EN, "plan", "Amoxicillin PO twice daily for 10 days."),
                passes("med.no_dose", EN),
                passes("med.no_dose", EN, "plan", "Continue lisinopril. Recheck blood pressure in 4 weeks."),
                passes("med.no_dose", EN, "plan", "She has been compliant with metformin as prescribed. Recheck A1c."),
                fails("med.no_frequency", ZH, "处理意见", "阿莫西林胶囊 0.5g 口服。"),
                passes("med.no_frequency", ZH, "处理意见", "阿莫西林胶囊 0.5g 口服 每日三次。"),
                fails("med.no_frequency", EN, "plan", "Amoxicillin 500 mg PO for 10 days."),
                passes("med.no_frequency", EN),
                fails("med.no_route", ZH, "处理意见", "头孢克肟 0.1g 每日两次。"),
                passes("med.no_route", ZH, "处理意见", "头孢克肟分散片 0.1g 每日两次。"),
                fails("med.no_route", EN, "plan", "Ceftriaxone 1 g once."),
                passes("med.no_route", EN, "plan", "Amoxicillin 500 mg capsules twice daily for 10 days."),
                fails("med.allergy_conflict", ZH, "过敏史", "青霉素过敏（皮疹）。", "处理意见", "阿莫西林胶囊 0.5g 口服 每日三次。"),
                passes("med.allergy_conflict", ZH, "过敏史", "青霉素过敏（皮疹）。", "处理意见", "阿奇霉素片 0.5g 口服 每日一次。"),
                passes("med.allergy_conflict", ZH, "过敏史", "否认青霉素过敏。", "处理意见", "阿莫西林胶囊 0.5g 口服 每日三次。"),
                fails("med.allergy_conflict", EN, "allergies", "Penicillin (hives)."),
                passes("med.allergy_conflict", EN, "allergies", "NKDA"),
                // record-wide form
                fails("datetime.invalid", ZH, "辅助检查", "2024-13-05 血常规：WBC 6.2×10^9/L。"),
                fails("datetime.invalid", ZH, "辅助检查", "2023年2月30日 胸片：未见异常。"),
                passes("datetime.invalid", ZH, "辅助检查", "2024-02-29 血常规：WBC 6.2×10^9/L。"),
                fails("datetime.invalid", EN, "results", "CBC on 02/30/2024: normal. Seen at 25:10."),
                passes("datetime.invalid", EN, "results", "CBC on 03/15/2024 at 14:30: normal."),
                fails("units.case", ZH, "处理意见", "对乙酰氨基酚片 500mG 口服 必要时。"),
                passes("units.case", ZH),
                fails("units.case", EN, "plan", "Amoxicillin 500 Mg PO twice daily for 10 days."),
                passes("units.case", EN),
                fails("record.placeholder", ZH, "个人史", "吸烟[ ]年。"),
                fails("record.placeholder", ZH, "家族史", "待补充"),
                passes("record.placeholder", ZH),
                fails("record.placeholder", EN, "social_family_history", "Smokes ___ packs per day."),
                fails("record.placeholder", EN, "ros", "TODO"),
                passes("record.placeholder", EN));
    }

    private static RulePacks everyRuleOn;
    private static QualityControl quality;

    @BeforeAll
    static void switchEverythingOn() {
        ClinicRuleSettings all = ClinicRuleSettings.none();
        for (RulePack pack : RulePacks.builtIn().all()) {
            for (RuleSpec rule : pack.rules()) {
                all = all.with(pack.template() + ":" + rule.id(), true);
            }
        }
        everyRuleOn = RulePacks.builtIn(all);
        quality = new QualityControl(everyRuleOn, null);
    }

    /** The clean record of {@code template} with {@code edits} applied (null removes a section). */
    static RecordUnderReview edited(String template, Map<String, String> edits) {
        Map<String, String> sections = template.equals(ZH) ? Records.outpatientZh() : Records.soapEn();
        edits.forEach((section, text) -> {
            if (text == null) {
                sections.remove(section);
            } else {
                sections.put(section, text);
            }
        });
        return template.equals(ZH) ? Records.zh(sections) : Records.en(sections);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFiresExactlyWhenItsDefectIsPresent(Case c) {
        RecordUnderReview record = edited(c.template(), c.edits());
        QualityReport report = quality.check(record);

        List<Finding> mine = report.findings().stream().filter(f -> f.rule().equals(c.rule())).toList();
        if (c.fires()) {
            assertThat(mine).as("findings of %s", c.rule()).isNotEmpty();
            for (Finding finding : mine) {
                String text = record.section(finding.section()).map(ReviewedSection::text).orElse("");
                assertThat(finding.end()).isLessThanOrEqualTo(text.length());
                assertThat(finding.source()).isEqualTo(FindingSource.RULE);
                assertThat(finding.severity()).isEqualTo(
                        everyRuleOn.forTemplate(c.template()).orElseThrow().rule(c.rule()).orElseThrow().severity());
            }
        } else {
            assertThat(mine).as("findings of %s", c.rule()).isEmpty();
        }
    }

    @Test
    void everyDeterministicRuleHasAFailingAndAPassingCaseInEachTemplateThatHasIt() {
        Set<String> covered = new HashSet<>();
        for (Case c : cases()) {
            covered.add(c.template() + ":" + c.rule() + ":" + c.fires());
        }
        for (SourceFactsTest.Case c : SourceFactsTest.cases()) {
            covered.add(c.template() + ":" + c.rule() + ":" + c.fires());
        }
        List<String> missing = new ArrayList<>();
        for (RulePack pack : RulePacks.builtIn().all()) {
            for (RuleSpec rule : pack.rules()) {
                if (rule.kind().equals("model_check") || rule.kind().equals("unsupported_statement")) {
                    continue; // model rules: ModelReviewerTest; evidence: EvidenceRuleTest
                }
                for (boolean fires : new boolean[] {true, false}) {
                    if (!covered.contains(pack.template() + ":" + rule.id() + ":" + fires)) {
                        missing.add(pack.template() + ":" + rule.id() + (fires ? " (failing)" : " (passing)"));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theCleanRecordsThemselvesHaveNoFindingAtAll() {
        assertThat(quality.check(Records.zh(Records.outpatientZh())).findings()).isEmpty();
        assertThat(quality.check(Records.en(Records.soapEn())).findings()).isEmpty();
    }

    static Stream<Case> casesStream() {
        return cases().stream();
    }
}
