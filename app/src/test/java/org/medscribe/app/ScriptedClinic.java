package org.medscribe.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.diagnosis.ui.DiagnosticSuggesting;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.inference.FinishReason;
import org.medscribe.record.Evidence;
import org.medscribe.record.Statement;
import org.medscribe.record.UnsupportedReason;
import org.medscribe.ui.MessageKey;

/**
 * A scripted drafting and suggestion service with readable clinical content and real evidence
 * spans into the note, streamed word by word. Used beside the real engine: for the evidence click
 * test (the tiny random model's gibberish has no verifiable evidence) and for the screenshot tour.
 * The encounter is the project's own example, not patient data.
 */
final class ScriptedClinic {

    static final String NOTE_EN = "Mr Chen, 58, has had a cough for five days and fever up to 38.6 C since yesterday. "
            + "He is short of breath climbing stairs. He denies chest pain. He takes metformin 500 mg twice daily "
            + "for type 2 diabetes. Allergic to penicillin (rash). On examination: temperature 38.4 C, respiratory "
            + "rate 22, crackles over the right lower lung, SpO2 94% on room air.";

    static final String NOTE_ZH = "患者男，58岁，咳嗽5天，发热1天，体温最高38.6℃。活动后气短。否认胸痛。"
            + "2型糖尿病史，口服二甲双胍500mg 每日两次。青霉素过敏（皮疹）。"
            + "查体：体温38.4℃，呼吸22次/分，右下肺可闻及湿啰音，未吸氧时血氧饱和度94%。";

    private ScriptedClinic() {
    }

    /** The passage of {@link #NOTE_EN} an unsupported statement cites (it names another drug). */
    static final Map<String, String> CITED = Map.of("Amoxicillin 1 g was started.",
            "He takes metformin 500 mg twice daily for type 2 diabetes.");

    /** A statement: text, and phrases of the note that support it (none: unsupported). */
    private record Line(String text, String... evidence) {
    }

    static RecordDrafting drafting(RecordDrafting templatesFrom, long millisPerWord) {
        return new RecordDrafting() {
            @Override
            public List<Template> templates() {
                return templatesFrom.templates();
            }

            @Override
            public Result draft(String templateId, List<SourceText> sources, Events events, CancellationToken cancel) {
                String note = sources.isEmpty() ? "" : sources.get(0).text();
                String sourceId = sources.isEmpty() ? "note" : sources.get(0).id();
                Map<String, List<Line>> script = templateId.startsWith("outpatient") ? chinese() : english();
                Template template = templates().stream().filter(t -> t.id().equals(templateId)).findFirst()
                        .orElseThrow();
                List<Section> done = new ArrayList<>();
                for (SectionSpec spec : template.sections()) {
                    events.sectionStarted(spec.id());
                    List<Line> lines = script.getOrDefault(spec.id(), List.of());
                    List<Statement> statements = new ArrayList<>();
                    for (Line line : lines) {
                        for (String word : line.text().split("(?<= )|(?<=，)")) {
                            if (cancel.isCancelled()) {
                                return new Result(done, List.of(), FinishReason.CANCELLED, 20);
                            }
                            events.sectionText(spec.id(), word);
                            events.tokens(2);
                            pause(millisPerWord, cancel);
                        }
                        events.sectionText(spec.id(), " ");
                        List<Evidence> evidence = new ArrayList<>();
                        for (String phrase : line.evidence()) {
                            int at = note.indexOf(phrase);
                            if (at >= 0) {
                                evidence.add(Evidence.span(sourceId, at, at + phrase.length()));
                            }
                        }
                        // An unsupported line cites a passage that does not say it, as a model may.
                        String cited = CITED.get(line.text());
                        int citedAt = cited == null ? -1 : note.indexOf(cited);
                        List<Evidence> citations = evidence.isEmpty() && citedAt >= 0
                                ? List.of(new Evidence(sourceId, 4, citedAt, citedAt + cited.length(), cited, false))
                                : evidence;
                        statements.add(Statement.kept(line.text(), !evidence.isEmpty(), evidence.isEmpty()
                                ? citedAt >= 0 ? UnsupportedReason.DRUG_MISMATCH : UnsupportedReason.NO_CITATION
                                : null, citations));
                    }
                    Section section = new Section(spec.id(), statements, statements.isEmpty());
                    events.sectionDone(section);
                    done.add(section);
                }
                return new Result(done, List.of(), FinishReason.STOP, 20);
            }
        };
    }

    /** The model's pace: waits {@code millis}, or less when the doctor cancels meanwhile. */
    private static void pause(long millis, org.medscribe.common.CancellationToken cancel) {
        if (millis <= 0) {
            return;
        }
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        Runnable unregister = cancel.onCancel(cancelled::countDown);
        try {
            cancelled.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            unregister.run();
        }
    }

    private static Map<String, List<Line>> english() {
        Map<String, List<Line>> script = new LinkedHashMap<>();
        script.put("chief_complaint", List.of(new Line("Cough for five days with fever since yesterday.",
                "a cough for five days", "fever up to 38.6 C since yesterday")));
        script.put("hpi", List.of(
                new Line("Cough for five days; fever up to 38.6 C since yesterday.", "a cough for five days",
                        "fever up to 38.6 C since yesterday"),
                new Line("Short of breath on stairs.", "short of breath climbing stairs"),
                new Line("Denies chest pain.", "He denies chest pain")));
        script.put("pmh", List.of(new Line("Type 2 diabetes.", "type 2 diabetes")));
        script.put("medications", List.of(new Line("Metformin 500 mg twice daily.", "metformin 500 mg twice daily")));
        script.put("allergies", List.of(new Line("Penicillin (rash).", "Allergic to penicillin (rash)")));
        script.put("physical_exam", List.of(
                new Line("Temperature 38.4 C, respiratory rate 22.", "temperature 38.4 C", "rate 22"),
                new Line("Crackles over the right lower lung.", "crackles over the right lower lung"),
                new Line("SpO2 94% on room air.", "SpO2 94% on room air")));
        script.put("assessment", List.of(
                new Line("Community-acquired pneumonia of the right lower lobe is likely.",
                        "crackles over the right lower lung"),
                new Line("Amoxicillin 1 g was started.")));
        return script;
    }

    private static Map<String, List<Line>> chinese() {
        Map<String, List<Line>> script = new LinkedHashMap<>();
        script.put("chief_complaint", List.of(new Line("咳嗽5天，发热1天。", "咳嗽5天", "发热1天")));
        script.put("present_illness", List.of(
                new Line("患者5天前出现咳嗽，1天前出现发热，体温最高38.6℃。", "咳嗽5天", "体温最高38.6℃"),
                new Line("活动后气短，否认胸痛。", "活动后气短", "否认胸痛")));
        script.put("past_history", List.of(new Line("2型糖尿病，口服二甲双胍500mg 每日两次。", "2型糖尿病史",
                "二甲双胍500mg 每日两次")));
        script.put("allergy_history", List.of(new Line("青霉素过敏（皮疹）。", "青霉素过敏（皮疹）")));
        script.put("physical_exam", List.of(new Line("体温38.4℃，呼吸22次/分，右下肺可闻及湿啰音。", "体温38.4℃",
                "呼吸22次/分", "右下肺可闻及湿啰音")));
        script.put("diagnosis", List.of(new Line("社区获得性肺炎（右下叶）可能。", "右下肺可闻及湿啰音")));
        return script;
    }

    static DiagnosticSuggesting suggesting(long millis) {
        return (sources, answers, language, cancel) -> {
            pause(millis, cancel);
            String note = sources.getOrDefault("note", "");
            return new DiagnosticSuggesting.Suggestions(List.of(
                    new DiagnosticSuggesting.Diagnosis("Community-acquired pneumonia", "J18.9", new MessageKey("diagnosis.likelihood.high"),
                            List.of(finding(note, "fever up to 38.6 C"), finding(note, "crackles over the right lower lung"),
                                    finding(note, "SpO2 94% on room air")), List.of()),
                    new DiagnosticSuggesting.Diagnosis("Acute bronchitis", "J20.9", new MessageKey("diagnosis.likelihood.moderate"),
                            List.of(finding(note, "a cough for five days")),
                            List.of(finding(note, "crackles over the right lower lung"))),
                    new DiagnosticSuggesting.Diagnosis("Pulmonary embolism", "I26.9", new MessageKey("diagnosis.likelihood.low"),
                            List.of(finding(note, "short of breath climbing stairs")),
                            List.of(finding(note, "He denies chest pain")))),
                    List.of("SpO2 at or below 94% with respiratory rate 22: assess severity (CURB-65) today."),
                    List.of("Chest X-ray", "Full blood count and CRP", "Blood glucose"),
                    List.of(new DiagnosticSuggesting.Question("q1", "Is the cough productive? What colour is the sputum?"),
                            new DiagnosticSuggesting.Question("q2", "Any recent long journey, surgery or leg swelling?")));
        };
    }

    private static DiagnosticSuggesting.ClinicalFinding finding(String note, String phrase) {
        int at = note.indexOf(phrase);
        return new DiagnosticSuggesting.ClinicalFinding(phrase, at >= 0,
                at >= 0 ? List.of(Evidence.span("note", at, at + phrase.length())) : List.of());
    }
}
