package org.medscribe.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medscribe.record.Evidence;
import org.medscribe.record.Source;
import org.medscribe.record.SourceKind;
import org.medscribe.record.UnsupportedReason;
import org.medscribe.clinical.ClinicalText;

class EvidenceMatcherTest {

    private static final String TRANSCRIPT = """
            [doctor] what brings you in today?
            [patient] i've had pain in my left knee for about three weeks.
            [doctor] any fever or chills?
            [patient] no.
            [doctor] are you taking anything for it?
            [patient] ibuprofen 400 mg twice a day.
            [doctor] any allergies to medications?
            [patient] yes, penicillin gives me a rash.
            """;

    private static final String ZH_NOTE = "患者3天前受凉后出现咳嗽，咳白痰，伴发热，最高体温38.5℃。否认高血压、糖尿病病史。"
            + "右侧胸痛2天。对青霉素过敏。";

    private final SegmentedSources english = new Segmenter().segment(List.of(new Source("t", SourceKind.TRANSCRIPT, TRANSCRIPT)));
    private final EvidenceMatcher en = new EvidenceMatcher(english);
    private final SegmentedSources chinese = new Segmenter().segment(List.of(Source.note("n", ZH_NOTE)));
    private final EvidenceMatcher zh = new EvidenceMatcher(chinese);

    @Test
    void segmentsTranscriptIntoUtterancesWithSpeakers() {
        assertThat(english.segments()).hasSize(8);
        assertThat(english.segment(2).orElseThrow().text()).startsWith("i've had pain");
        assertThat(english.segment(2).orElseThrow().speaker()).isEqualTo("patient");
        assertThat(chinese.segments()).extracting(Segment::text).containsExactly(
                "患者3天前受凉后出现咳嗽，咳白痰，伴发热，最高体温38.5℃。", "否认高血压、糖尿病病史。", "右侧胸痛2天。", "对青霉素过敏。");
    }

    @Test
    void supportedEnglishStatementRecordsMatchedSpan() {
        EvidenceCheck check = en.check("Left knee pain for 3 weeks.", List.of(2));
        assertThat(check.supported()).isTrue();
        Evidence evidence = check.evidence().get(0);
        assertThat(evidence.segment()).isEqualTo(2);
        assertThat(evidence.quote()).isEqualTo(TRANSCRIPT.substring(evidence.start(), evidence.end()));
        assertThat(evidence.quote()).contains("pain").contains("knee").contains("three weeks");
        assertThat(evidence.matched()).isTrue();
    }

    @Test
    void questionAnsweredNoSupportsDenial() {
        assertThat(en.check("Denies fever or chills.", List.of(3, 4)).supported()).isTrue();
        EvidenceCheck affirmed = en.check("Reports fever and chills.", List.of(3, 4));
        assertThat(affirmed.supported()).isFalse();
        assertThat(affirmed.reason()).isEqualTo(UnsupportedReason.NEGATION_MISMATCH);
    }

    @Test
    void wrongSegmentIsUnsupported() {
        EvidenceCheck check = en.check("Left knee pain for 3 weeks.", List.of(8));
        assertThat(check.supported()).isFalse();
        assertThat(check.reason()).isIn(UnsupportedReason.NUMBER_MISMATCH, UnsupportedReason.LOW_OVERLAP,
                UnsupportedReason.LATERALITY_MISMATCH);
        assertThat(en.check("Allergic to penicillin with rash.", List.of(2)).supported()).isFalse();
    }

    @Test
    void nonexistentSegmentIsUnsupported() {
        EvidenceCheck check = en.check("Left knee pain for 3 weeks.", List.of(42));
        assertThat(check.supported()).isFalse();
        assertThat(check.reason()).isEqualTo(UnsupportedReason.NONEXISTENT_SEGMENT);
        assertThat(check.invalidCitations()).containsExactly(42);
        assertThat(en.check("Left knee pain.", List.of()).reason()).isEqualTo(UnsupportedReason.NO_CITATION);
    }

    @Test
    void nonexistentCitationBesideARealOneIsReportedButDoesNotSinkIt() {
        EvidenceCheck check = en.check("Left knee pain for 3 weeks.", List.of(2, 99));
        assertThat(check.supported()).isTrue();
        assertThat(check.invalidCitations()).containsExactly(99);
    }

    @Test
    void contradictingSegmentsAreCaught() {
        assertThat(en.check("Right knee pain for 3 weeks.", List.of(2)).reason())
                .isEqualTo(UnsupportedReason.LATERALITY_MISMATCH);
        assertThat(en.check("Left knee pain for 5 weeks.", List.of(2)).reason())
                .isEqualTo(UnsupportedReason.NUMBER_MISMATCH);
        assertThat(en.check("Naproxen 400 mg twice a day.", List.of(6)).reason())
                .isEqualTo(UnsupportedReason.DRUG_MISMATCH);
        assertThat(en.check("Ibuprofen 400 mg twice a day.", List.of(6)).supported()).isTrue();
        assertThat(en.check("No knee pain.", List.of(2)).reason()).isEqualTo(UnsupportedReason.NEGATION_MISMATCH);
    }

    @Test
    void chineseStatementsAreCheckedByBigrams() {
        assertThat(zh.check("咳嗽、咳白痰3天，伴发热，最高体温38.5℃", List.of(1)).supported()).isTrue();
        assertThat(zh.check("否认糖尿病病史", List.of(2)).supported()).isTrue();
        assertThat(zh.check("对青霉素过敏", List.of(4)).supported()).isTrue();
        assertThat(zh.check("右侧胸痛两天", List.of(3)).supported()).isTrue();
    }

    @Test
    void chineseContradictionsAreCaught() {
        assertThat(zh.check("有糖尿病病史", List.of(2)).reason()).isEqualTo(UnsupportedReason.NEGATION_MISMATCH);
        assertThat(zh.check("左侧胸痛2天", List.of(3)).reason()).isEqualTo(UnsupportedReason.LATERALITY_MISMATCH);
        assertThat(zh.check("发热，最高体温39.5℃", List.of(1)).reason()).isEqualTo(UnsupportedReason.NUMBER_MISMATCH);
        assertThat(zh.check("对头孢过敏", List.of(4)).supported()).isFalse();
        assertThat(zh.check("咳嗽3天", List.of(4)).supported()).isFalse();
        assertThat(zh.check("咳嗽3天", List.of(9)).reason()).isEqualTo(UnsupportedReason.NONEXISTENT_SEGMENT);
    }

    @Test
    void fullWidthFormsAndNumberWordsAgree() {
        SegmentedSources s = new Segmenter().segment(List.of(Source.note("n", "体温３８．５℃，咳嗽三天。Cough for five days.")));
        EvidenceMatcher m = new EvidenceMatcher(s);
        assertThat(m.check("体温38.5°C，咳嗽3天", List.of(1)).supported()).isTrue();
        assertThat(m.check("Cough for 5 days", List.of(2)).supported()).isTrue();
    }

    @Test
    void translationMustKeepNumbersSidesAndNegation() {
        assertThat(en.checkTranslation("左膝疼痛3周", "Left knee pain for 3 weeks.", List.of(2)).supported()).isTrue();
        assertThat(en.checkTranslation("右膝疼痛3周", "Left knee pain for 3 weeks.", List.of(2)).reason())
                .isEqualTo(UnsupportedReason.TRANSLATION_MISMATCH);
        assertThat(en.checkTranslation("发热、寒战", "Denies fever or chills.", List.of(3, 4)).reason())
                .isEqualTo(UnsupportedReason.TRANSLATION_MISMATCH);
        assertThat(en.checkTranslation("否认发热、寒战", "Denies fever or chills.", List.of(3, 4)).supported()).isTrue();
    }

    @Test
    void translationComparesDosingFrequenciesAsCodes() throws IOException {
        assertThat(en.checkTranslation("布洛芬400毫克，每日两次", "Ibuprofen 400 mg twice a day.", List.of(6)).supported()).isTrue();
        assertThat(en.checkTranslation("布洛芬400毫克，每日三次", "Ibuprofen 400 mg twice a day.", List.of(6)).reason())
                .isEqualTo(UnsupportedReason.TRANSLATION_MISMATCH);
        assertThat(en.checkTranslation("布洛芬600毫克，每日两次", "Ibuprofen 400 mg twice a day.", List.of(6)).reason())
                .isEqualTo(UnsupportedReason.TRANSLATION_MISMATCH);

        SegmentedSources visit = example("cough-fever-zh.txt");
        EvidenceMatcher m = new EvidenceMatcher(visit);
        List<Integer> plan = List.of(number(visit, "给您开左氧氟沙星"));
        assertThat(m.checkTranslation("Levofloxacin 0.5 g once daily", "左氧氟沙星0.5 g，每日一次", plan).supported()).isTrue();
        assertThat(m.checkTranslation("Ambroxol 30 mg three times daily", "氨溴索30 mg，每日三次", plan).supported()).isTrue();
        assertThat(m.checkTranslation("Ambroxol 30 mg twice daily", "氨溴索30 mg，每日三次", plan).reason())
                .isEqualTo(UnsupportedReason.TRANSLATION_MISMATCH);
        assertThat(m.checkTranslation("Levofloxacin 0.5 g", "左氧氟沙星0.5 g，每日一次", plan).reason())
                .isEqualTo(UnsupportedReason.TRANSLATION_MISMATCH);
    }

    @Test
    void questionWhoseAnswerDeniesItSupportsNoStatement() throws IOException {
        SegmentedSources visit = example("knee-pain-en.txt");
        EvidenceMatcher m = new EvidenceMatcher(visit);
        List<Integer> smoking = List.of(number(visit, "do you smoke?"), number(visit, "no, never."));
        assertThat(m.check("Smokes daily", smoking).reason()).isEqualTo(UnsupportedReason.NEGATION_MISMATCH);
        assertThat(m.check("Never smoked", smoking).supported()).isTrue();
        assertThat(m.check("Drinks a glass of wine on weekends", smoking).supported()).isTrue();
    }

    @Test
    void answerInItsOwnWordsDecidesNegation() throws IOException {
        SegmentedSources visit = example("knee-pain-en.txt");
        EvidenceMatcher m = new EvidenceMatcher(visit);
        List<Integer> locking = List.of(number(visit, "any swelling or locking"), number(visit, "it swelled up"));
        assertThat(m.check("Has locking of the knee", locking).reason()).isEqualTo(UnsupportedReason.NEGATION_MISMATCH);
        assertThat(m.check("No locking", locking).supported()).isTrue();
        assertThat(m.check("Swelling in the first few days", locking).supported()).isTrue();
        // Without its answer cited, the question proves nothing either way.
        assertThat(m.check("Has locking of the knee", List.of(number(visit, "any swelling or locking"))).supported())
                .isFalse();
    }

    @Test
    void synonymsMeetAsTheSameFinding() throws IOException {
        SegmentedSources visit = example("cough-fever-zh.txt");
        EvidenceMatcher m = new EvidenceMatcher(visit);
        List<Integer> complaint = List.of(number(visit, "咳嗽三天了"));
        assertThat(m.check("咳嗽三天，无发热", complaint).reason()).isEqualTo(UnsupportedReason.NEGATION_MISMATCH);
        assertThat(m.check("咳嗽三天，伴发热", complaint).supported()).isTrue();
    }

    @Test
    void theLevoOfADrugNameIsNoSide() {
        assertThat(ClinicalText.analyse("左氧氟沙星0.5 g，每日一次").sides()).isEmpty();
        assertThat(ClinicalText.analyse("左甲状腺素50 μg，左膝疼痛").sides()).containsExactly(ClinicalText.Side.LEFT);
    }

    static SegmentedSources example(String name) throws IOException {
        Path file = Path.of(System.getProperty("medscribe.project.dir", "..")).resolve("examples").resolve(name);
        return new Segmenter().segment(List.of(Segmenter.guess("visit", Files.readString(file, StandardCharsets.UTF_8))));
    }

    static int number(SegmentedSources sources, String start) {
        return sources.segments().stream().filter(s -> s.text().startsWith(start)).mapToInt(Segment::number)
                .findFirst().orElseThrow(() -> new AssertionError("no segment starts with " + start));
    }
}
