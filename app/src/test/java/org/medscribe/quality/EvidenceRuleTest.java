package org.medscribe.quality;

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
            assertThat(f.evidence()).extracting(EvidenceRef::segment).containsExactly("4");
        }
    }

    @Test
    void supportedStatementsAreNotFindings() {
        for (String[] c : new String[][] {{"soap-en", "hpi", "Fever for 2 days."}, {"outpatient-zh", "现病史", "发热2天。"}}) {
            RecordUnderReview r = reader.read(record(c[0], c[1], c[2], true), "r.json");
            assertThat(quality.check(r).findings()).extracting(Finding::rule).doesNotContain("evidence.unsupported");
        }
    }

    @Test
    void withAnEvidenceMatcherEditedFactsAreRecheckedButTheDoctorsPlanIsNot() {
        StatementEvidence matcher = (statement, language, sources) -> new StatementEvidence.Verdict(
                sources.get(0).text().contains(statement.replace(".", "")), "not_in_sources", List.of());
        QualityControl withMatcher = new QualityControl(RulePacks.builtIn(), matcher);
        var sections = Records.soapEn();
        sections.put("pmh", "Asthma since childhood.");
        RecordUnderReview record = Records.en(sections);
        List<Finding> found = withMatcher.check(record, List.of(new SourceText("note.txt", "No chronic conditions")),
                null, org.medscribe.common.CancellationToken.none()).findings().stream()
                .filter(f -> f.rule().equals("evidence.unsupported")).toList();
        assertThat(found).isNotEmpty();
        assertThat(found).extracting(Finding::section).doesNotContain("plan", "assessment").contains("pmh");
    }
}
