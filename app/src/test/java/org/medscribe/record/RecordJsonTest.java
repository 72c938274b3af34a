package org.medscribe.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medscribe.common.MedScribeException;

class RecordJsonTest {

    /** Exactly what the desktop's writer stored before the record had its own package. */
    private static final String STORED = "{\"template\":\"soap-en\",\"language\":\"en\",\"sections\":["
            + "{\"id\":\"subjective\",\"title\":\"Subjective\",\"text\":\"Knee pain for 3 weeks. Takes ibuprofen 400 mg.\","
            + "\"status\":\"drafted\",\"edited\":false,\"not_documented\":false,\"ai_written\":true,\"statements\":["
            + "{\"text\":\"Knee pain for 3 weeks.\",\"supported\":true,\"evidence\":[{\"source\":\"note\",\"start\":0,\"end\":22}]},"
            + "{\"text\":\"Takes ibuprofen 400 mg.\",\"supported\":false,"
            + "\"unsupported_reason\":\"draft.unsupported.number_mismatch\",\"evidence\":[]}]},"
            + "{\"id\":\"plan\",\"title\":\"Plan\",\"text\":\"Rest; review in 2 weeks.\",\"status\":\"edited\","
            + "\"edited\":true,\"not_documented\":false,\"ai_written\":true},"
            + "{\"id\":\"objective\",\"title\":\"Objective\",\"text\":\"\",\"status\":\"not_documented\","
            + "\"edited\":false,\"not_documented\":true,\"ai_written\":true},"
            + "{\"id\":\"assessment\",\"text\":\"Typed by the doctor.\",\"status\":\"edited\",\"edited\":true,"
            + "\"not_documented\":false,\"ai_written\":false}],"
            + "\"note_draft\":\"45M, left knee pain\"}";

    private static KeptRecord everyField() {
        return new KeptRecord("soap-en", "en", List.of(
                new RecordSection("subjective", "Subjective", "Knee pain for 3 weeks. Takes ibuprofen 400 mg.", false,
                        false, true, List.of(
                        Statement.kept("Knee pain for 3 weeks.", true, null, List.of(Evidence.span("note", 0, 22))),
                        Statement.kept("Takes ibuprofen 400 mg.", false, UnsupportedReason.NUMBER_MISMATCH,
                                List.of()))),
                new RecordSection("plan", "Plan", "Rest; review in 2 weeks.", true, false, true, List.of()),
                new RecordSection("objective", "Objective", "", false, true, true, List.of()),
                new RecordSection("assessment", null, "Typed by the doctor.", true, false, false, List.of())));
    }

    @Test
    void aKeptRecordRoundTripsUnchangedWithEveryField() {
        KeptRecord record = everyField();

        RecordJson.Kept read = RecordJson.read(RecordJson.write(record, "45M, left knee pain"), "other");

        assertThat(read.record()).isEqualTo(record);
        assertThat(read.noteDraft()).isEqualTo("45M, left knee pain");
        assertThat(RecordJson.read(RecordJson.write(record, null), "other").noteDraft()).isNull();
    }

    @Test
    void theWireFormatIsTheOneStoredRecordsWereWrittenIn() {
        assertThat(RecordJson.write(everyField(), "45M, left knee pain")).isEqualTo(STORED);
    }

    @Test
    void aRecordStoredByTheEarlierWriterStillReads() {
        RecordJson.Kept read = RecordJson.read(STORED, "other");

        assertThat(read.record()).isEqualTo(everyField());
        Statement unsupported = read.record().sections().get(0).statements().get(1);
        assertThat(unsupported.unsupportedReason()).isEqualTo(UnsupportedReason.NUMBER_MISMATCH);
        assertThat(read.record().sections().get(0).statements().get(0).evidence())
                .containsExactly(Evidence.span("note", 0, 22));
    }

    @Test
    void theEarliestFormWithoutTitlesStatementsOrOriginReadsWithItsOriginInferred() {
        String earliest = "{\"sections\":[{\"id\":\"cc\",\"text\":\"Cough\",\"edited\":false},"
                + "{\"id\":\"plan\",\"text\":\"Fluids\",\"edited\":true},{\"id\":\"hx\",\"text\":\"\"}]}";

        KeptRecord record = RecordJson.read(earliest, "soap-en").record();

        assertThat(record.template()).isEqualTo("soap-en");
        assertThat(record.language()).isNull();
        assertThat(record.sections()).extracting(RecordSection::title).containsOnlyNulls();
        assertThat(record.sections()).extracting(RecordSection::aiWritten).containsExactly(true, false, false);
        assertThat(record.sections()).extracting(RecordSection::status)
                .containsExactly("drafted", "edited", "not_documented");
    }

    @Test
    void theKeptFormReadsAsAFileWithItsStatementsAndVerdicts() throws Exception {
        RecordFile file = RecordJson.readFile(STORED);
        assertThat(file.template()).isEqualTo("soap-en");
        assertThat(file.language()).isEqualTo("en");
        assertThat(file.sections()).extracting(RecordFile.Section::id)
                .containsExactly("subjective", "plan", "objective", "assessment");
        RecordFile.Section subjective = file.sections().get(0);
        assertThat(subjective.text()).isEqualTo("Knee pain for 3 weeks. Takes ibuprofen 400 mg.");
        assertThat(subjective.statements()).extracting(RecordFile.Line::supported).containsExactly(true, false);
        assertThat(subjective.statements().get(0).evidence()).singleElement()
                .satisfies(e -> assertThat(e.end()).isEqualTo(22));
        assertThat(subjective.statements().get(1).unsupportedReason()).isEqualTo("draft.unsupported.number_mismatch");
        assertThat(file.sections().get(2).text()).isEmpty();
        assertThat(file.signature()).isNull();
    }

    @Test
    void aFileInANearShapeReadsToo() throws Exception {
        RecordFile file = RecordJson.readFile("""
                {"record": {"template": "outpatient-zh", "status": "signed",
                  "patient": {"name": "王建国", "birthDate": "1960-01-02", "medical_record_number": "A1"},
                  "signature": {"signedBy": "李明", "signed_at": "2025-11-28T10:42:00+08:00", "version": "2"},
                  "sections": {"主诉": "咳嗽3天。",
                               "treatment": {"heading": "处理意见", "statements": ["多饮水。", {"text": " 休息。 "}, " "]}}}}
                """);
        assertThat(file.status()).isEqualTo("signed");
        assertThat(file.patient()).isEqualTo(new RecordFile.Patient("王建国", null, "1960-01-02", null, "A1"));
        assertThat(file.signature()).isEqualTo(new RecordFile.Signature("李明", "2025-11-28T10:42:00+08:00", 2, null));
        assertThat(file.sections().get(0)).isEqualTo(new RecordFile.Section("主诉", null, null, "咳嗽3天。", List.of()));
        RecordFile.Section treatment = file.sections().get(1);
        assertThat(treatment.title()).isEqualTo("处理意见");
        assertThat(treatment.text()).isNull();
        assertThat(treatment.statements()).extracting(RecordFile.Line::text).containsExactly("多饮水。", "休息。");
        assertThat(treatment.statements()).extracting(RecordFile.Line::supported).containsOnlyNulls();
    }

    @Test
    void aFileThatIsNoRecordSaysWhy() throws Exception {
        assertThatThrownBy(() -> RecordJson.readFile("[1, 2]")).isInstanceOf(RecordJson.NotARecord.class)
                .hasMessage("not a JSON object");
        assertThatThrownBy(() -> RecordJson.readFile("{\"sections\": " + "[".repeat(100) + "]".repeat(100) + "}"))
                .isInstanceOf(java.io.IOException.class);
        assertThat(RecordJson.readFile("{\"template\": \"soap-en\"}").sections()).isNull();
    }

    @Test
    void theNoteDraftIsLeftOutOfWhatIsSignedAndTheRestStaysAsWritten() {
        String signable = RecordJson.withoutNoteDraft(STORED);
        assertThat(signable).doesNotContain("note_draft").isEqualTo(STORED.replace(",\"note_draft\":\"45M, left knee pain\"", ""));
        assertThatThrownBy(() -> RecordJson.withoutNoteDraft("[]")).isInstanceOfSatisfying(MedScribeException.class,
                e -> assertThat(e.messageKey()).isEqualTo("encounters.error.unreadableDraft"));
    }

    @Test
    void unreadableJsonIsAnUnreadableDraft() {
        assertThatThrownBy(() -> RecordJson.read("{\"sections\": [", "soap-en"))
                .isInstanceOf(MedScribeException.class).hasMessageContaining("encounters.error.unreadableDraft");
    }

    @Test
    void aDraftedRecordRoundTripsUnchangedWithEveryField() throws Exception {
        Evidence evidence = new Evidence("note", 2, 10, 31, "ibuprofen 400 mg bid", true);
        DraftRecord draft = new DraftRecord("soap-en", "3", RecordLanguage.ZH, DraftStatus.PARTIAL, "cancelled",
                List.of(new DraftSection("subjective", "主观", SectionKind.LIST, true, SectionStatus.DRAFTED, List.of(
                                new Statement("布洛芬400 mg 每日两次", FactCategory.MEDICATION, "ibuprofen 400 mg bid",
                                        List.of(2, 3), false, UnsupportedReason.TRANSLATION_MISMATCH, List.of(evidence)))),
                        new DraftSection("plan", "计划", SectionKind.PROSE, false, SectionStatus.INCOMPLETE, List.of())),
                List.of(Flag.of(FlagKind.DRUG_NOT_IN_SOURCES, "subjective", 0, List.of("布洛芬")),
                        new Flag(FlagKind.SECTION_TOO_LONG, FlagSeverity.INFO, "draft.flag.section_too_long",
                                List.of("x"), null, null, List.of())),
                new ChunkingReport(true, List.of(new ChunkingReport.ChunkRange(1, 4, 900)), 4096, 512, 3000, true, 1),
                new Provenance("tiny.gguf", "Tiny", "ab12", "llama b1", "1.0", "soap-en", "3", 0.2, 7, 800, "cd34",
                        List.of(new SourceRef("note", SourceKind.TRANSCRIPT, "ef56", 120, 4)), true,
                        "2026-12-07T10:00:00Z"),
                new DraftTimings(1000.5, 800.25, 100, 50, 300, 120, 90.5, 12.75));

        String json = RecordJson.mapper().writeValueAsString(draft);

        assertThat(RecordJson.mapper().readValue(json, DraftRecord.class)).isEqualTo(draft);
        assertThat(json).contains("\"severity\" : \"critical\"", "\"language\" : \"zh\"", "\"kind\" : \"transcript\"",
                "\"unsupported_reason\" : \"translation_mismatch\"");
    }

    @Test
    void aLanguageIsReadFromItsCodeOrRegionAndNothingElse() {
        assertThat(RecordLanguage.fromCode("zh-CN")).isEqualTo(RecordLanguage.ZH);
        assertThat(RecordLanguage.parse("en_US")).isEqualTo(RecordLanguage.EN);
        assertThat(RecordLanguage.parse("fr")).isNull();
        assertThatThrownBy(() -> RecordLanguage.fromCode("fr")).isInstanceOf(IllegalArgumentException.class);
    }
}
