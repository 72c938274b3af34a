package org.medscribe.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.medscribe.capture.ui.SourcesViewModel;
import org.medscribe.common.CancellationToken;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.inference.FinishReason;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;
import org.medscribe.review.Encounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafting that keeps every generation of the open encounter: before it starts, the note becomes a
 * source and the doctor's pending edits a version ({@link Encounters#beforeGeneration}); when it
 * ends (complete or stopped with sections), the draft becomes an AI version with its provenance
 * ({@link Encounters#keepGeneration}). Runs on the drafting thread, like the drafting it wraps.
 */
final class KeptDrafting implements RecordDrafting {

    private static final Logger LOG = LoggerFactory.getLogger(KeptDrafting.class);

    private final RecordDrafting drafting;
    private final Encounters encounters;
    private final Supplier<String> openEncounter;

    /** @param openEncounter the open encounter's id (any thread), or null when the work is not an encounter yet */
    KeptDrafting(RecordDrafting drafting, Encounters encounters, Supplier<String> openEncounter) {
        this.drafting = drafting;
        this.encounters = encounters;
        this.openEncounter = openEncounter;
    }

    @Override
    public List<Template> templates() {
        return drafting.templates();
    }

    @Override
    public Result draft(String templateId, List<SourceText> sources, Events events, CancellationToken cancel) {
        String encounterId = openEncounter.get();
        if (encounterId != null) {
            String note = sources.stream().filter(source -> SourcesViewModel.NOTE_ID.equals(source.id()))
                    .map(SourceText::text).findFirst().orElse(null);
            encounters.beforeGeneration(encounterId, note);
        }
        Result result = drafting.draft(templateId, sources, events, cancel);
        if (encounterId != null && !result.sections().isEmpty()) {
            keep(encounterId, templateId, result);
        }
        return result;
    }

    private void keep(String encounterId, String templateId, Result result) {
        Template template = templates().stream().filter(t -> t.id().equals(templateId)).findFirst().orElse(null);
        List<RecordSection> sections = new ArrayList<>();
        if (template != null) {
            for (SectionSpec spec : template.sections()) {
                Section drafted = result.sections().stream().filter(s -> s.id().equals(spec.id())).findFirst()
                        .orElse(null);
                sections.add(section(spec, drafted));
            }
        }
        Provenance how = result.provenance();
        Encounters.Content generated = new Encounters.Content("", List.of(), templateId,
                template == null ? null : template.language(), sections);
        boolean partial = result.finishReason() == FinishReason.CANCELLED;
        try {
            encounters.keepGeneration(encounterId, generated, how == null
                    ? new Encounters.Generation(null, null, partial ? "{\"partial\":true}" : null, null, partial)
                    : new Encounters.Generation(how.templateVersion(), how.modelJson(), how.parametersJson(),
                    how.timingsJson(), partial));
        } catch (org.medscribe.common.MedScribeException notKept) {
            // The draft stays on screen and is saved with the doctor's next edit; the reason is logged once.
            LOG.warn("a generated draft was not kept as a version ({})", notKept.messageKey());
        }
    }

    /** A section as the record shows it: statements run on as prose (as the record view lays them out). */
    private static RecordSection section(SectionSpec spec, Section drafted) {
        if (drafted == null || drafted.notDocumented() || drafted.statements().isEmpty()) {
            // Nothing written: as the record screen keeps such a section (not AI-written), so the
            // record signed unchanged after this generation is this version, not an "edit".
            return new RecordSection(spec.id(), spec.title(), "", false, drafted != null, false, List.of());
        }
        StringBuilder text = new StringBuilder();
        List<Statement> statements = new ArrayList<>();
        for (Statement statement : drafted.statements()) {
            text.append(RecordDrafting.spaceAfter(text)).append(statement.text().strip());
            statements.add(statement.asKept());
        }
        return new RecordSection(spec.id(), spec.title(), text.toString(), false, false, true, statements);
    }
}
