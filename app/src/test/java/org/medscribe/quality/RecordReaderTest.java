package org.medscribe.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.medscribe.common.MedScribeException;
import org.medscribe.record.Evidence;
import org.medscribe.record.KeptRecord;
import org.medscribe.record.RecordJson;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;
import org.medscribe.record.UnsupportedReason;

class RecordReaderTest {

    private final RecordReader reader = new RecordReader();

    @Test
    void theDesktopsRecordReadsAsItsKeptJsonDoesWithoutGoingThroughJson() {
        KeptRecord kept = new KeptRecord("outpatient-zh", null, List.of(
                new RecordSection("chief_complaint", "主诉", "左膝疼痛3周。自服布洛芬。", false, false, true, List.of(
                        Statement.kept("左膝疼痛3周。", true, null, List.of(Evidence.span("note", 0, 6))),
                        Statement.kept("自服布洛芬。", false, UnsupportedReason.DRUG_MISMATCH, List.of()))),
                new RecordSection("plan", "处理", "休息。两周复诊。", true, false, true, List.of()),
                new RecordSection("exam", "体格检查", "", false, true, true, List.of())));

        RecordUnderReview direct = reader.read(kept);

        assertThat(direct).isEqualTo(reader.read(RecordJson.write(kept, null), "record"));
        assertThat(direct.language()).isEqualTo(RecordLanguage.ZH);
        ReviewedSection complaint = direct.section("chief_complaint").orElseThrow();
        assertThat(complaint.status()).isEqualTo(SectionStatus.DRAFTED);
        assertThat(complaint.statements()).extracting(ReviewedStatement::supported).containsExactly(true, false);
        assertThat(complaint.statements().get(1).unsupportedReason()).isEqualTo("draft.unsupported.drug_mismatch");
        assertThat(direct.section("plan").orElseThrow().status()).isEqualTo(SectionStatus.EDITED);
        assertThat(direct.section("exam").orElseThrow().status()).isEqualTo(SectionStatus.NOT_DOCUMENTED);
    }

    @Test
    void statementsAreJoinedByALineBreakAndKeepTheirOffsetsAndEvidence() {
        RecordUnderReview record = reader.read("""
                {"template": "soap-en", "template_version": "1", "language": "en", "sections": [
                  {"id": "hpi", "title": "HPI", "status": "drafted", "statements": [
                    {"text": "Cough for 3 days.", "supported": true,
                     "evidence": [{"source": "S1", "segment": "3", "start": 10, "end": 30, "quote": "coughing 3 days"}]},
                    {"text": "No fever.", "supported": false, "unsupported_reason": "negation_mismatch", "evidence": []}
                  ]},
                  {"id": "ros", "title": "ROS", "status": "not_documented", "statements": []}
                ]}""", "r.json");

        ReviewedSection hpi = record.section("hpi").orElseThrow();
        assertThat(hpi.text()).isEqualTo("Cough for 3 days.\nNo fever.");
        ReviewedStatement second = hpi.statements().get(1);
        assertThat(hpi.text().substring(second.start(), second.end())).isEqualTo("No fever.");
        assertThat(second.supported()).isFalse();
        assertThat(second.unsupportedReason()).isEqualTo("negation_mismatch");
        assertThat(hpi.statements().get(0).evidence().get(0).segment()).isEqualTo(3);
        assertThat(record.section("ros").orElseThrow().status()).isEqualTo(SectionStatus.NOT_DOCUMENTED);
        assertThat(record.templateVersion()).isEqualTo("1");
    }

    @Test
    void aSectionTheDoctorRewroteIsItsPlainTextAndKeepsTheVerdictsOfUntouchedStatements() {
        RecordUnderReview record = reader.read("""
                {"template": "outpatient-zh", "sections": [
                  {"id": "chief_complaint", "text": "咳嗽3天。发热1天。", "statements": [
                    {"text": "咳嗽3天。", "supported": true}, {"text": "咳痰2天。", "supported": false}]}
                ]}""", "r.json");
        ReviewedSection cc = record.section("chief_complaint").orElseThrow();
        assertThat(cc.text()).isEqualTo("咳嗽3天。发热1天。");
        assertThat(cc.status()).isEqualTo(SectionStatus.EDITED);
        assertThat(cc.statements()).extracting(ReviewedStatement::text).containsExactly("咳嗽3天。", "发热1天。");
        assertThat(cc.statements().get(0).supported()).isTrue();
        assertThat(cc.statements().get(1).supported()).isNull();
        assertThat(record.language()).isEqualTo(RecordLanguage.ZH);
    }

    @Test
    void toleratesAWrapperAnObjectOfSectionsAndAMissingTemplate() {
        RecordUnderReview record = reader.read("""
                {"record": {"sections": {"主诉": "头痛2天", "现病史": {"text": "2天前出现头痛。"}}}, "extra": 1}""", "r.json");
        assertThat(record.template()).isEqualTo("outpatient-zh");
        assertThat(record.language()).isEqualTo(RecordLanguage.ZH);
        assertThat(record.section("主诉").orElseThrow().text()).isEqualTo("头痛2天");
        assertThat(record.section("现病史").orElseThrow().text()).isEqualTo("2天前出现头痛。");
    }

    @Test
    void notJsonAndNotARecordAreBadInput(@TempDir Path dir) throws Exception {
        Path binary = dir.resolve("x.json");
        Files.write(binary, new byte[] {0, 1, 2, (byte) 0xff});
        assertThatThrownBy(() -> reader.read(binary)).isInstanceOfSatisfying(MedScribeException.class, e -> {
            assertThat(e.isBadInput()).isTrue();
            assertThat(e.messageKey()).isEqualTo("quality.error.recordUnreadable");
        });
        assertThatThrownBy(() -> reader.read("{\"template\": \"soap-en\"}", "y.json"))
                .isInstanceOfSatisfying(MedScribeException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("quality.error.recordInvalid"));
        assertThatThrownBy(() -> reader.read("[1, 2]", "z.json")).isInstanceOfSatisfying(MedScribeException.class,
                e -> assertThat(e.messageKey()).isEqualTo("quality.error.recordInvalid"));
        assertThatThrownBy(() -> reader.read(dir.resolve("missing.json")))
                .isInstanceOfSatisfying(MedScribeException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("cli.error.fileNotFound"));
    }

    @Test
    void anUnknownTemplateIsBadInputNamingTheKnownOnes() {
        RecordUnderReview record = reader.read("{\"template\": \"discharge-zh\", \"sections\": []}", "r.json");
        assertThatThrownBy(() -> new QualityControl(org.medscribe.quality.rules.RulePacks.builtIn(), null).check(record))
                .isInstanceOfSatisfying(MedScribeException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("quality.error.templateUnknown");
                    assertThat(e.arguments()).containsExactly("discharge-zh", "soap-en, outpatient-zh");
                });
    }
}
