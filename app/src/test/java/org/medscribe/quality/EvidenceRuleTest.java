package org.medscribe.quality;

import org.medscribe.record.Evidence;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medscribe.quality.rules.RulePacks;

/** evidence.unsupported: statements the draft could not support, in English and Chinese. */
class EvidenceRuleTest {

    private final QualityControl quality = new QualityControl(RulePacks.builtIn(), null);
    private final RecordReader reader = new RecordReader();

    private static String record(String template, String section, String statement, boolean supported) {
        return """
                {"template": "%s", "sections": [{"id": "%s", "statements": [
                  {"text": "%s", "supported": %s, "unsupported_reason": "number_mismatch",
                   "evidence": [{"source": "S1", "segment": "4", "start": 3, "end": 9, "quote": "q"}]}]}]}"""
                .formatted(template, section, statement, supported);
    }

    @Test
    void anUnsupportedStatementIsAFindingWithItsSpanReasonAndEvidence() {
        for (String[] c : new String[][] {{"soap-en", "hpi", "Fever of 39.5 for 2 days."},
                {"outpatient-zh", "现病史", "发热2天，体温最高39.5℃。"}}) {
            RecordUnderReview r = reader.read(record(c[0], c[1], c[2], false), "r.json");
            List<Finding> found = quality.check(r).findings().stream()
                    .filter(f -> f.rule().equals("evidence.unsupported")).toList();
            assertThat(found).hasSize(1);
            Finding f = found.get(0);
            assertThat(f.section()).isEqualTo(c[1]);
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(c[2].length());
            assertThat(f.detail()).isEqualTo("number_mismatch");
            assertThat(f.evidence()).extracting(Evidence::segment).containsExactly(4);
        }
    }

    @Test
    void supportedStatementsAreNotFindings() {
        for (String[] c : new String[][] {{"soap-en", "hpi", "Fever for 2 days."}, {"outpatient-zh", "现病史", "发热2天。"}}) {
            RecordUnderReview r = reader.read(record(c[0], c[1], c[2], true), "r.json");
            assertThat(quality.check(r).findings()).extracting(Finding::rule).doesNotContain("evidence.unsupported");
        }
    }

    /** The drafting evidence matcher re-checks what the doctor wrote in factual sections, not the plan. */
    @Test
    void editedFactsAreRecheckedAgainstTheSourcesButTheDoctorsPlanIsNot() {
        QualityControl withMatcher = new QualityControl(RulePacks.builtIn());
        SourceText note = new SourceText("note.txt", "34-year-old woman with a sore throat that started 2 days ago "
                + "and fever to 38.5 yesterday. Pain is worse with swallowing, lozenges did not help. She denies "
                + "cough, shortness of breath or rash. No chronic medical conditions, no surgeries. No known drug "
                + "allergies. Tonsils enlarged with exudate. Rapid strep positive.");
        var sections = Records.soapEn();
        sections.put("pmh", "Asthma since childhood, on an inhaler.");
        List<Finding> found = withMatcher.check(Records.en(sections), List.of(note), null,
                org.medscribe.common.CancellationToken.none()).findings().stream()
                .filter(f -> f.rule().equals("evidence.unsupported")).toList();
        assertThat(found).extracting(Finding::section).contains("pmh").doesNotContain("plan", "assessment");
        assertThat(found).filteredOn(f -> f.section().equals("pmh")).singleElement()
                .satisfies(f -> assertThat(f.detail()).isNotBlank());
    }

    @Test
    void chineseEditedFactsAreRecheckedToo() {
        QualityControl withMatcher = new QualityControl(RulePacks.builtIn());
        SourceText note = new SourceText("门诊记录", "患者3天前受凉后出现咳嗽，咳少量白痰。1天前发热，体温最高38.6℃。"
                + "既往体健，否认高血压、糖尿病病史。否认药物过敏史。");
        var sections = Records.outpatientZh();
        sections.put("既往史", "高血压病史10年，口服氨氯地平。");
        List<Finding> found = withMatcher.check(Records.zh(sections), List.of(note), null,
                org.medscribe.common.CancellationToken.none()).findings().stream()
                .filter(f -> f.rule().equals("evidence.unsupported")).toList();
        assertThat(found).extracting(Finding::section).contains("既往史").doesNotContain("处理意见", "初步诊断");
    }

    @Test
    void sourcesInTheOtherLanguageDoNotJudgeATranslatedRecord() {
        QualityControl withMatcher = new QualityControl(RulePacks.builtIn());
        SourceText english = new SourceText("note.txt", "Cough for three days, fever since yesterday up to 38.6. "
                + "No known drug allergies. No chronic conditions.");
        var sections = Records.outpatientZh();
        sections.put("既往史", "高血压病史10年。");
        assertThat(withMatcher.check(Records.zh(sections), List.of(english), null,
                org.medscribe.common.CancellationToken.none()).findings())
                .extracting(Finding::rule).doesNotContain("evidence.unsupported");
    }
}
