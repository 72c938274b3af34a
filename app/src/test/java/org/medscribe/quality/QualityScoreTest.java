package org.medscribe.quality;

import org.medscribe.record.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityScoreTest {

    private static Finding finding(String rule, Severity severity, FindingSource source) {
        return new Finding(rule, severity, source, "plan", 0, 0, "k", "f", List.of(), List.of(), null);
    }

    @Test
    void noFindingIsAFullScoreGradeA() {
        QualityScore score = QualityScore.of(List.of());
        assertThat(score.value()).isEqualTo(100);
        assertThat(score.grade()).isEqualTo(QualityScore.Grade.A);
    }

    @Test
    void deductionsFollowSeverityAndSourceAndARuleCountsAtMostTwice() {
        List<Finding> findings = new ArrayList<>();
        findings.add(finding("hpi.no_onset", Severity.MAJOR, FindingSource.RULE)); // -5
        findings.add(finding("cc.too_long", Severity.MINOR, FindingSource.RULE)); // -1
        findings.add(finding("model.contradiction", Severity.MAJOR, FindingSource.MODEL)); // -3
        for (int i = 0; i < 5; i++) {
            findings.add(finding("med.no_route", Severity.MINOR, FindingSource.RULE)); // -1, -1, then free
        }
        QualityScore score = QualityScore.of(findings);
        assertThat(score.value()).isEqualTo(100 - 5 - 1 - 3 - 2);
        assertThat(score.grade()).isEqualTo(QualityScore.Grade.B);
        assertThat(score.minor()).isEqualTo(6);
        assertThat(score.major()).isEqualTo(2);
    }

    @Test
    void anyCriticalFindingCapsTheScoreAtGradeC() {
        QualityScore score = QualityScore.of(List.of(finding("allergy.missing", Severity.CRITICAL, FindingSource.RULE)));
        assertThat(score.value()).isEqualTo(QualityScore.CRITICAL_CAP);
        assertThat(score.grade()).isEqualTo(QualityScore.Grade.C);
        assertThat(score.critical()).isEqualTo(1);
    }

    @Test
    void theScoreNeverGoesBelowZero() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(finding("rule" + i, Severity.MAJOR, FindingSource.RULE));
        }
        assertThat(QualityScore.of(many).value()).isZero();
    }
}
