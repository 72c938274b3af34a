package org.medscribe.quality;

import org.medscribe.record.Severity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medscribe.common.MedScribeException;
import org.medscribe.quality.rules.RulePacks;

class SigningGateTest {

    private final QualityControl quality = new QualityControl(RulePacks.builtIn(), null);

    private QualityReport withoutAllergies() {
        var sections = Records.outpatientZh();
        sections.remove("过敏史");
        sections.put("既往史", "既往体健。");
        return quality.check(Records.zh(sections));
    }

    @Test
    void aCleanRecordMayBeSigned() {
        QualityReport report = quality.check(Records.zh(Records.outpatientZh()));
        assertThat(SigningGate.evaluate(report)).isInstanceOf(SigningDecision.Allowed.class);
        assertThat(report.signingBlocked()).isFalse();
    }

    @Test
    void aCriticalFindingBlocksAndOnlyCriticalOnesAreListed() {
        var sections = Records.outpatientZh();
        sections.remove("过敏史");
        sections.put("既往史", "既往体健。");
        sections.put("主诉", "咳嗽咳痰"); // major: no duration
        QualityReport report = quality.check(Records.zh(sections));

        SigningDecision decision = SigningGate.evaluate(report);
        assertThat(decision.allowed()).isFalse();
        SigningDecision.Blocked blocked = (SigningDecision.Blocked) decision;
        assertThat(blocked.blocking()).extracting(Finding::rule).containsExactly("allergy.missing");
        assertThat(report.signingBlocked()).isTrue();
    }

    @Test
    void anOverrideNeedsAReasonAndAClinicianAndRecordsWhatWasWaived() throws Exception {
        SigningDecision.Blocked blocked = (SigningDecision.Blocked) SigningGate.evaluate(withoutAllergies());
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T08:30:00Z"), ZoneOffset.UTC);

        for (String reason : new String[] {null, "", "  ", "ok", "。。。"}) {
            assertThatThrownBy(() -> blocked.override(reason, "dr.li", clock))
                    .isInstanceOfSatisfying(MedScribeException.class, e -> {
                        assertThat(e.messageKey()).isEqualTo("quality.error.overrideReasonMissing");
                        assertThat(e.isBadInput()).isTrue();
                    });
        }
        assertThatThrownBy(() -> blocked.override("患者昏迷，无法询问过敏史", " ", clock))
                .isInstanceOfSatisfying(MedScribeException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("quality.error.overrideClinicianMissing"));

        SigningOverride override = blocked.override("  患者昏迷，无法询问过敏史 ", "dr.li", clock);
        assertThat(override.reason()).isEqualTo("患者昏迷，无法询问过敏史");
        assertThat(override.overriddenAt()).isEqualTo(Instant.parse("2025-03-01T08:30:00Z"));
        assertThat(override.findings()).extracting(SigningOverride.OverriddenFinding::rule)
                .containsExactly("allergy.missing");

        JsonNode json = new ObjectMapper().readTree(override.toJson());
        assertThat(json.get("reason").asText()).isEqualTo("患者昏迷，无法询问过敏史");
        assertThat(json.get("clinician").asText()).isEqualTo("dr.li");
        assertThat(json.get("overridden_at").asText()).isEqualTo("2025-03-01T08:30:00Z");
        assertThat(json.at("/findings/0/severity").asText()).isEqualTo("critical");
        assertThat(json.at("/findings/0/message_key").asText()).isEqualTo("quality.rule.allergy.missing");
    }

    @Test
    void modelFindingsNeverBlock() {
        Finding model = new Finding("model.contradiction", Severity.MAJOR, FindingSource.MODEL, "hpi", 0, 4,
                "quality.rule.model.contradiction", "quality.fix.model.contradiction", List.of(), List.of(), "x");
        assertThat(SigningGate.evaluate(List.of(model)).allowed()).isTrue();
    }
}
