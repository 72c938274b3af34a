package org.medscribe.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.record.DraftRecord;
import org.medscribe.record.DraftSection;
import org.medscribe.record.DraftStatus;
import org.medscribe.record.Evidence;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.SectionStatus;
import org.medscribe.record.Source;
import org.medscribe.record.Statement;
import org.medscribe.record.TemplateLibrary;
import org.medscribe.record.TemplateSection;
import org.medscribe.settings.AppDirectories;

class SelfCheckTest {

    @TempDir
    Path dir;

    @Test
    void structureNeedsEveryTemplateSectionAndEvidenceInsideTheSample() {
        RecordTemplate soap = TemplateLibrary.builtIn().get(SelfCheck.TEMPLATE);
        Source sample = Source.note("sample", "Cough for three days. No fever.");
        Evidence inside = new Evidence("sample", 1, 0, 21, "Cough for three days.", true);
        Evidence outside = new Evidence("sample", 1, 0, 500, "?", true);

        assertThat(SelfCheck.structureOf(record(soap, inside, true), soap, sample).passed()).isTrue();
        assertThat(SelfCheck.structureOf(record(soap, outside, true), soap, sample).detailKey())
                .isEqualTo("selfcheck.detail.badEvidence");
        Evidence unmatched = new Evidence("sample", 1, 0, 5, "Cough", false);
        assertThat(SelfCheck.structureOf(record(soap, unmatched, true), soap, sample).passed()).isFalse();
        assertThat(SelfCheck.structureOf(record(soap, unmatched, false), soap, sample).passed()).isTrue();

        DraftRecord full = record(soap, inside, true);
        DraftRecord missingPlan = new DraftRecord(full.template(), full.templateVersion(), full.language(),
                full.status(), null, full.sections().subList(0, full.sections().size() - 1), List.of(), null, null,
                null);
        SelfCheck.Step step = SelfCheck.structureOf(missingPlan, soap, sample);
        assertThat(step.passed()).isFalse();
        assertThat(step.detailArgs()).containsExactly(soap.sections().get(soap.sections().size() - 1).id());
    }

    /** A record with every section of {@code template}: the first drafted with one statement, the rest not documented. */
    private static DraftRecord record(RecordTemplate template, Evidence evidence, boolean supported) {
        List<DraftSection> sections = new java.util.ArrayList<>();
        for (TemplateSection section : template.sections()) {
            boolean first = sections.isEmpty();
            sections.add(new DraftSection(section.id(), section.title(), section.kind(), section.required(),
                    first ? SectionStatus.DRAFTED : SectionStatus.NOT_DOCUMENTED,
                    first ? List.of(new Statement("Cough for 3 days.", null, null, List.of(1), supported, null,
                            List.of(evidence))) : List.of()));
        }
        return new DraftRecord(template.id(), template.version(), template.language(), DraftStatus.COMPLETE, null,
                sections, List.of(), null, null, null);
    }

    @Test
    void sampleEncounterIsBundled() {
        assertThat(SelfCheck.sampleEncounter()).contains("[doctor]", "[patient]");
    }

    @Test
    void defaultModelIsTheConfiguredOneThenTheBundledOneThenTheUsersFolder() throws Exception {
        AppDirectories directories = new AppDirectories(dir.resolve("data"));
        assertThat(SelfCheck.defaultModel(null, List.of(), directories.models())).isEmpty();

        Files.createDirectories(directories.models());
        Files.writeString(directories.models().resolve("b.gguf"), "x");
        Files.writeString(directories.models().resolve("a.GGUF"), "x");
        Files.writeString(directories.models().resolve("readme.txt"), "x");
        assertThat(SelfCheck.defaultModel(null, List.of(), directories.models())).contains(directories.models().resolve("a.GGUF"));

        Path bundled = Files.writeString(dir.resolve("shipped.gguf"), "x");
        assertThat(SelfCheck.defaultModel(null, List.of(bundled), directories.models())).contains(bundled);
        assertThat(SelfCheck.defaultModel(dir.resolve("deleted.gguf"), List.of(bundled), directories.models())).contains(bundled);

        Path configured = Files.writeString(dir.resolve("chosen.gguf"), "x");
        assertThat(SelfCheck.defaultModel(configured, List.of(bundled), directories.models())).contains(configured);
    }

    @Test
    void bundledModelsComeFromTheLauncherProperty() throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("app").resolve("models"));
        Files.writeString(shipped.resolve("model.gguf"), "x");
        String before = System.getProperty(BundledModels.PROPERTY);
        try {
            System.setProperty(BundledModels.PROPERTY, shipped.toString());
            assertThat(BundledModels.list()).containsExactly(shipped.resolve("model.gguf"));
            System.setProperty(BundledModels.PROPERTY, dir.resolve("absent").toString());
            assertThat(BundledModels.list()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(BundledModels.PROPERTY);
            } else {
                System.setProperty(BundledModels.PROPERTY, before);
            }
        }
    }
}
