package org.medscribe.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medscribe.common.CancellationToken;
import org.medscribe.draft.DraftListener;
import org.medscribe.evidence.Segmenter;
import org.medscribe.draft.DraftOptions;
import org.medscribe.record.DraftRecord;
import org.medscribe.draft.DraftRequest;
import org.medscribe.record.DraftSection;
import org.medscribe.record.DraftStatus;
import org.medscribe.draft.DraftingService;
import org.medscribe.record.Flag;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.SectionStatus;
import org.medscribe.record.Source;
import org.medscribe.record.TemplateSection;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.inference.FinishReason;

/**
 * The record screen's {@link RecordDrafting} on the drafting service: templates from its library; a
 * live preview of each section (started when the model begins the facts it is made of, each fact
 * appended as the model finishes it, in the sources' language); sections as the service completes
 * them (with verified evidence spans and fact-check flags placed on their statement, their section
 * or the whole record), replacing the preview; phases for the status bar; a cancelled draft returned
 * as partial. Blocking: inference executor.
 */
final class ServiceDrafting implements RecordDrafting {

    private final DraftingService service;

    ServiceDrafting(DraftingService service) {
        this.service = service;
    }

    @Override
    public List<Template> templates() {
        List<Template> templates = new ArrayList<>();
        for (RecordTemplate template : service.templates().all()) {
            List<SectionSpec> sections = new ArrayList<>();
            for (TemplateSection section : template.sections()) {
                sections.add(new SectionSpec(section.id(), section.title(), section.required()));
            }
            templates.add(new Template(template.id(), template.title(), template.language().code(), sections));
        }
        return templates;
    }

    @Override
    public Result draft(String templateId, List<SourceText> sources, Events events, CancellationToken cancel) {
        List<Source> input = new ArrayList<>();
        for (SourceText source : sources) {
            input.add(Segmenter.given(source.id(), source.text(), !source.id().equals("note")));
        }
        DraftRecord record = service.draft(new DraftRequest(input, templateId, DraftOptions.defaults()),
                new DraftListener() {
                    /** The last statement written into each section's preview (engine thread only). */
                    private final Map<String, String> lastWritten = new HashMap<>();

                    @Override
                    public void progress(String phaseKey, double fraction) {
                        events.phase(phaseKey, fraction);
                    }

                    @Override
                    public void part(int index, int count) {
                        events.part(index, count);
                    }

                    @Override
                    public void sectionStarted(String sectionId) {
                        events.sectionStarted(sectionId);
                    }

                    @Override
                    public void statementWritten(String sectionId, String text) {
                        String before = lastWritten.getOrDefault(sectionId, "");
                        events.sectionText(sectionId, RecordDrafting.spaceAfter(before) + text);
                        lastWritten.put(sectionId, text);
                    }

                    @Override
                    public void token(String piece) {
                        events.tokens(1);
                    }

                    @Override
                    public void sectionCompleted(DraftSection section) {
                        // Flags are known only with the whole record; they are placed when it arrives.
                        events.sectionDone(convert(section, List.of()));
                    }
                }, cancel);
        List<Flag> recordFlags = record.flags().stream().filter(flag -> flag.statement() == null).toList();
        List<Section> sections = new ArrayList<>();
        for (DraftSection section : record.sections()) {
            if (section.status() != SectionStatus.INCOMPLETE) { // left to show as stopped, not as empty
                sections.add(convert(section, record.flags()));
            }
        }
        return new Result(sections, recordFlags,
                record.status() == DraftStatus.PARTIAL ? FinishReason.CANCELLED : FinishReason.STOP,
                record.timings() == null ? Double.NaN : record.timings().tokensPerSecond(), provenance(record));
    }

    /** The draft's provenance for the store: model and engine, sampling parameters, timings (no patient text). */
    private static Provenance provenance(DraftRecord record) {
        com.fasterxml.jackson.databind.ObjectMapper json = org.medscribe.record.RecordJson.mapper();
        org.medscribe.record.Provenance made = record.provenance();
        com.fasterxml.jackson.databind.node.ObjectNode model = json.createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode parameters = json.createObjectNode();
        if (made != null) {
            model.put("model_file", made.modelFile());
            model.put("model_name", made.modelName());
            model.put("model_sha256", made.modelSha256());
            model.put("engine_version", made.engineVersion());
            model.put("app_version", made.appVersion());
            parameters.put("temperature", made.temperature());
            parameters.put("seed", made.seed());
            parameters.put("max_tokens", made.maxTokens());
            parameters.put("schema_sha256", made.schemaSha256());
            parameters.put("extraction_reused", made.extractionReused());
            parameters.put("created_at", made.createdAt());
        }
        parameters.put("status", record.status().name().toLowerCase(java.util.Locale.ROOT));
        if (record.partialReason() != null) {
            parameters.put("partial_reason", record.partialReason());
        }
        String timings = null;
        try {
            timings = record.timings() == null ? null : json.writeValueAsString(record.timings());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("timings are numbers", e);
        }
        return new Provenance(record.templateVersion(), model.toString(), parameters.toString(), timings);
    }

    /** The section with the flags on its statements (a flag on the whole section or record is the result's). */
    private static Section convert(DraftSection section, List<Flag> flags) {
        List<Flag> onStatements = flags.stream()
                .filter(flag -> section.id().equals(flag.section()) && flag.statement() != null).toList();
        return new Section(section.id(), section.statements(), onStatements,
                section.status() == SectionStatus.NOT_DOCUMENTED);
    }
}
