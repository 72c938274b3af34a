package org.medscribe.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medscribe.inference.admission.MemoryEstimate;
import org.medscribe.inference.admission.SupportedArchitectures;
import org.medscribe.inference.gguf.GgufModelInfo;

class ModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.bundled();

    @Test
    void everyEntryIsWellFormed() {
        assertThat(catalog.entries()).isNotEmpty();
        Set<String> ids = new HashSet<>();
        Set<String> files = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (ModelCatalog.Entry entry : catalog.entries()) {
            assertThat(ids.add(entry.id())).as("unique id %s", entry.id()).isTrue();
            assertThat(files.add(entry.file())).as("unique file %s", entry.file()).isTrue();
            assertThat(hashes.add(entry.sha256())).as("unique hash %s", entry.sha256()).isTrue();
            assertThat(entry.name()).as(entry.id()).isNotBlank();
            assertThat(entry.file()).as(entry.id()).endsWith(".gguf").doesNotContain("/", "\\");
            assertThat(entry.sha256()).as(entry.id()).matches("[0-9a-f]{64}");
            assertThat(entry.bytes()).as(entry.id()).isGreaterThan(100_000_000L);
            assertThat(entry.sourceUrl()).as(entry.id()).startsWith("https://");
            assertThat(entry.licence()).as(entry.id()).isNotBlank();
            assertThat(entry.licenceUrl()).as(entry.id()).startsWith("https://");
            assertThat(entry.sha256Evidence()).as(entry.id()).isNotBlank();
            assertThat(entry.quantization()).as(entry.id()).isEqualTo("Q4_K_M");
            assertThat(entry.parametersBillions()).as(entry.id()).isBetween(1.0, 9.0);
            assertThat(entry.languages()).as(entry.id()).contains("en");
        }
    }

    @Test
    void listsOnlyArchitecturesTheBundledEngineRuns() {
        for (ModelCatalog.Entry entry : catalog.entries()) {
            assertThat(SupportedArchitectures.bundled().isSupported(entry.architecture()))
                    .as("%s (%s)", entry.id(), entry.architecture()).isTrue();
        }
    }

    @Test
    void recordsTheMemoryEstimateOfTheEstimator() {
        for (ModelCatalog.Entry entry : catalog.entries()) {
            ModelCatalog.Shape shape = entry.shape();
            long headLength = shape.embeddingLength() / shape.headCount();
            GgufModelInfo info = new GgufModelInfo(3, entry.architecture(), entry.name(), 0, shape.embeddingLength(),
                    shape.blockCount(), shape.headCount(), shape.headCountKv(), headLength, headLength, 15,
                    entry.quantization(), null, null, shape.vocabSize(), 0, 0, entry.bytes(), entry.bytes(), 1);

            assertThat(entry.ramBytes()).as(entry.id())
                    .isEqualTo(MemoryEstimate.of(info, entry.ramContext()).totalBytes());
            assertThat(entry.ramContext()).isEqualTo(4096);
        }
    }

    @Test
    void hasAChineseCapableModelForEachCommonMemorySize() {
        // Workstations in the product brief have 16–32 GB; the smallest entry must run on 8 GB machines too.
        assertThat(catalog.entries()).anySatisfy(entry -> {
            assertThat(entry.languages()).contains("zh");
            assertThat(entry.ramBytes()).isLessThan(4L << 30);
            assertThat(entry.commercialUse()).isTrue();
        });
        assertThat(catalog.entries()).anySatisfy(entry -> {
            assertThat(entry.languages()).contains("zh");
            assertThat(entry.parametersBillions()).isGreaterThan(6);
        });
    }

    @Test
    void findsAnEntryByItsHash() {
        ModelCatalog.Entry first = catalog.entries().get(0);

        assertThat(catalog.bySha256(first.sha256().toUpperCase())).contains(first);
        assertThat(catalog.bySha256("0".repeat(64))).isEmpty();
    }

    @Test
    void isTheFileFromTheModelsFolderNotACopy() throws IOException {
        Path source = Path.of(System.getProperty("medscribe.project.dir", "..")).resolve("models/catalog.json");
        try (InputStream packaged = ModelCatalog.class.getResourceAsStream(ModelCatalog.RESOURCE)) {
            assertThat(packaged.readAllBytes()).isEqualTo(Files.readAllBytes(source));
        }
        assertThat(Path.of("src/main/resources/org/medscribe/models/catalog.json")).doesNotExist();
    }
}
