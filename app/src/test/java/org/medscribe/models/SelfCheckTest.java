package org.medscribe.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.inference.JsonSchemaGuard;
import org.medscribe.settings.AppDirectories;

class SelfCheckTest {

    @TempDir
    Path dir;

    @Test
    void structureNeedsEverySoapSectionAsText() {
        assertThat(SelfCheck.structureOf("{\"subjective\":\"a\",\"objective\":\"b\",\"assessment\":\"c\",\"plan\":\"d\"}")
                .passed()).isTrue();
        SelfCheck.Step missingPlan = SelfCheck.structureOf("{\"subjective\":\"a\",\"objective\":\"b\",\"assessment\":\"c\"}");
        assertThat(missingPlan.passed()).isFalse();
        assertThat(missingPlan.detailArgs()).containsExactly("plan");
        assertThat(SelfCheck.structureOf("{\"subjective\":\"\",\"objective\":\"b\",\"assessment\":\"c\",\"plan\":1}")
                .detailArgs()).containsExactly("subjective, plan");
        assertThat(SelfCheck.structureOf("Subjective: cough").detailKey()).isEqualTo("selfcheck.detail.notJson");
        assertThat(SelfCheck.structureOf("[1, 2]").passed()).isFalse();
    }

    @Test
    void draftSchemaIsOneTheEngineAcceptsAndBoundsEverySection() {
        var schema = JsonSchemaGuard.check(SelfCheck.draftSchema());
        assertThat(schema.get("required")).hasSize(4);
        schema.get("properties").forEach(section -> assertThat(section.get("maxLength").asInt()).isPositive());
    }

    @Test
    void sampleEncounterIsBundled() {
        assertThat(SelfCheck.sampleEncounter()).contains("[doctor]", "[patient]");
    }

    @Test
    void defaultModelIsTheConfiguredOneThenTheBundledOneThenTheUsersFolder() throws Exception {
        AppDirectories directories = new AppDirectories(dir.resolve("data"));
        assertThat(SelfCheck.defaultModel(null, List.of(), directories)).isEmpty();

        Files.createDirectories(directories.models());
        Files.writeString(directories.models().resolve("b.gguf"), "x");
        Files.writeString(directories.models().resolve("a.GGUF"), "x");
        Files.writeString(directories.models().resolve("readme.txt"), "x");
        assertThat(SelfCheck.defaultModel(null, List.of(), directories)).contains(directories.models().resolve("a.GGUF"));

        Path bundled = Files.writeString(dir.resolve("shipped.gguf"), "x");
        assertThat(SelfCheck.defaultModel(null, List.of(bundled), directories)).contains(bundled);
        assertThat(SelfCheck.defaultModel(dir.resolve("deleted.gguf"), List.of(bundled), directories)).contains(bundled);

        Path configured = Files.writeString(dir.resolve("chosen.gguf"), "x");
        assertThat(SelfCheck.defaultModel(configured, List.of(bundled), directories)).contains(configured);
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
