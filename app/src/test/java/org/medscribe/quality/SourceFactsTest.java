package org.medscribe.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medscribe.common.CancellationToken;
import org.medscribe.quality.rules.RulePacks;

/** The drafting fact checks on the record as it stands: allergies, medications and sides the record loses. */
class SourceFactsTest {

    private final QualityControl quality = new QualityControl(RulePacks.builtIn());

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

    @Test
    void withoutSourcesNothingIsChecked() {
        var sections = Records.soapEn();
        sections.remove("allergies");
        assertThat(quality.check(Records.en(sections)).findings()).noneMatch(f -> f.rule().startsWith("facts."));
    }
}
