package org.medscribe.app;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.common.CancellationToken;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LanguageEngine;

/**
 * Section-by-section drafting straight on the engine, used until the drafting service (templates,
 * schema-constrained output, evidence checking) is wired in. It streams real tokens into each section
 * but verifies nothing, so every statement is shown as unsupported: honest, not useful clinically.
 */
final class EngineDraftingStopgap implements RecordDrafting {

    private static final int TOKENS_PER_SECTION = 48;

    private final LanguageEngine engine;

    EngineDraftingStopgap(LanguageEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Template> templates() {
        return List.of(
                new Template("soap-en", "SOAP note (English)", "en", List.of(
                        new SectionSpec("chief_complaint", "Chief complaint", true),
                        new SectionSpec("hpi", "History of present illness", true),
                        new SectionSpec("medications", "Medications", false),
                        new SectionSpec("allergies", "Allergies", true),
                        new SectionSpec("exam", "Physical exam", false),
                        new SectionSpec("assessment", "Assessment", true),
                        new SectionSpec("plan", "Plan", true))),
                new Template("outpatient-zh", "门诊病历", "zh", List.of(
                        new SectionSpec("chief_complaint", "主诉", true),
                        new SectionSpec("present_illness", "现病史", true),
                        new SectionSpec("past_history", "既往史", false),
                        new SectionSpec("allergies", "过敏史", true),
                        new SectionSpec("exam", "体格检查", false),
                        new SectionSpec("diagnosis", "初步诊断", true),
                        new SectionSpec("plan", "处理意见", true))));
    }

    @Override
    public Result draft(String templateId, List<SourceText> sources, Events events, CancellationToken cancel) {
        Template template = templates().stream().filter(t -> t.id().equals(templateId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown template " + templateId));
        StringBuilder material = new StringBuilder();
        for (SourceText source : sources) {
            material.append("<source id=\"").append(source.id()).append("\">\n").append(source.text())
                    .append("\n</source>\n");
        }
        List<Section> done = new ArrayList<>();
        double rate = Double.NaN;
        for (SectionSpec spec : template.sections()) {
            if (cancel.isCancelled()) {
                return new Result(done, List.of(), FinishReason.CANCELLED, rate);
            }
            events.sectionStarted(spec.id());
            GenerationRequest request = GenerationRequest.builder(List.of(
                            ChatMessage.system("Write the \"" + spec.title() + "\" section of a clinical record ("
                                    + template.language() + ") from the sources only. One or two sentences."),
                            ChatMessage.user(material.toString())))
                    .maxTokens(TOKENS_PER_SECTION)
                    .temperature(0)
                    .seed(7)
                    .build();
            GenerationResult result = engine.generate(request, piece -> {
                events.sectionText(spec.id(), piece);
                events.tokens(1);
            }, cancel);
            rate = result.metrics().javaGenerationRate();
            String text = result.text().strip();
            Section section = new Section(spec.id(), text.isEmpty() ? List.of()
                    : List.of(new Statement(text, false, List.of(), List.of())), text.isEmpty());
            if (result.finishReason() == FinishReason.CANCELLED) {
                return new Result(done, List.of(), FinishReason.CANCELLED, rate);
            }
            events.sectionDone(section);
            done.add(section);
        }
        return new Result(done, List.of(), FinishReason.STOP, rate);
    }
}
