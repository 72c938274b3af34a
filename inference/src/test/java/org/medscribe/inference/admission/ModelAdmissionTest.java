package org.medscribe.inference.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.gguf.GgmlType;
import org.medscribe.inference.gguf.GgufBuilder;
import org.medscribe.inference.gguf.GgufFormatException;
import org.medscribe.inference.testing.TestModels;

class ModelAdmissionTest {

    private static final long PLENTY = 64L << 30;

    @TempDir
    Path dir;

    @Test
    void admitsTheTestModelWhenThereIsMemory() {
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(PLENTY));

        AdmissionReport report = admission.admit(TestModels.languageModel(), 4096);

        assertThat(report.supported()).isTrue();
        assertThat(report.fits()).isTrue();
        assertThat(report.admissible()).isTrue();
        assertThat(report.availableBytes()).isEqualTo(PLENTY);
        assertThat(report.suggestedContextSize()).isEqualTo(4096);
        assertThat(report.estimate().weightsBytes()).isEqualTo(report.info().tensorDataBytes());
        assertThat(report.estimate().contextSize()).isEqualTo(4096);
    }

    @Test
    void refusesAQwen3ModelNamingItsArchitectureAndTheSupportedFamilies() throws IOException {
        Path qwen3 = write("qwen3.gguf", GgufBuilder.llamaLike("qwen3").tensor("token_embd.weight", GgmlType.F16, 64, 32));
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(PLENTY));

        AdmissionReport report = admission.inspect(qwen3, 4096);
        assertThat(report.supported()).isFalse();
        assertThat(report.fits()).isTrue();
        assertThat(report.info().architecture()).isEqualTo("qwen3");

        assertThatThrownBy(() -> admission.admit(qwen3, 4096))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ModelRejectedException.Reason.ARCHITECTURE);
                    assertThat(e.messageKey()).isEqualTo("model.rejected.architecture");
                    assertThat(e.isBadInput()).isTrue();
                    assertThat(e.arguments()[0]).isEqualTo("qwen3");
                    assertThat((String) e.arguments()[1]).contains("Qwen2.5", "Llama 3.x");
                });
    }

    @Test
    void refusesEmbeddingModelsAndFilesWithoutAnArchitecture() throws IOException {
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(PLENTY));
        Path bert = write("bert.gguf", GgufBuilder.llamaLike("bert"));
        Path none = write("none.gguf", new GgufBuilder().string("general.name", "adapter"));

        assertThatThrownBy(() -> admission.admit(bert, 4096))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("model.rejected.notGenerative"));
        assertThatThrownBy(() -> admission.admit(none, 4096))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("model.rejected.architectureMissing"));
    }

    @Test
    void refusesOnePartOfASplitModel() throws IOException {
        Path part = write("model-00001-of-00002.gguf", GgufBuilder.llamaLike("qwen2")
                .raw(GgufBuilder.utf8("split.count"), 2, GgufBuilder.le(2, 2))
                .tensor("token_embd.weight", GgmlType.F16, 64, 32));
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(PLENTY));

        AdmissionReport report = admission.inspect(part, 4096);

        assertThat(report.info().splitCount()).isEqualTo(2);
        assertThat(report.admissible()).isFalse();
        assertThatThrownBy(() -> admission.admit(part, 4096))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ModelRejectedException.Reason.SPLIT_FILE);
                    assertThat(e.arguments()).containsExactly(2);
                });
    }

    @Test
    void refusesAModelThatDoesNotFitAndOffersTheLargestContextThatDoes() throws IOException {
        Path model = bigQwenShapedModel();
        ModelAdmission measuring = new ModelAdmission(SystemMemory.fixed(PLENTY));
        long needAt2048 = measuring.inspect(model, 2048).estimate().totalBytes();
        long needAt8192 = measuring.inspect(model, 8192).estimate().totalBytes();
        // Memory for 2048 tokens but not for 4096.
        long available = needAt2048 + (measuring.inspect(model, 4096).estimate().totalBytes() - needAt2048) / 2;
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(available));

        AdmissionReport report = admission.inspect(model, 8192);

        assertThat(report.fits()).isFalse();
        assertThat(report.supported()).isTrue();
        assertThat(report.suggestedContextSize()).isEqualTo(2048);
        assertThatThrownBy(() -> admission.admit(model, 8192))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ModelRejectedException.Reason.MEMORY);
                    assertThat(e.messageKey()).isEqualTo("model.rejected.memoryTryContext");
                    assertThat((double) e.arguments()[0]).isEqualTo(needAt8192 / (double) (1L << 30));
                    assertThat((double) e.arguments()[1]).isEqualTo(available / (double) (1L << 30));
                    assertThat(e.arguments()[2]).isEqualTo(8192);
                    assertThat(e.arguments()[3]).isEqualTo(2048);
                });
    }

    @Test
    void saysSoWhenNoContextWouldFit() throws IOException {
        Path model = bigQwenShapedModel();
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(512L << 20));

        AdmissionReport report = admission.inspect(model, 4096);

        assertThat(report.suggestedContextSize()).isZero();
        assertThatThrownBy(() -> admission.admit(model, 4096))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("model.rejected.memory"));
    }

    @Test
    void suggestsOnlyPowersOfTwoNoSmallerThan512AndNoLargerThanAsked() throws IOException {
        Path model = bigQwenShapedModel();
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(PLENTY));

        assertThat(admission.inspect(model, 3000).suggestedContextSize()).isEqualTo(2048);
        assertThat(admission.inspect(model, 300).suggestedContextSize()).isZero();
        assertThat(admission.inspect(model, 32768).suggestedContextSize()).isEqualTo(32768);
    }

    @Test
    void reportsUnusableFilesAsFormatErrorsAndBadContextsAsBadInput() throws IOException {
        ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(PLENTY));
        Path broken = Files.write(dir.resolve("broken.gguf"), "GGUF but not really".getBytes());

        assertThatThrownBy(() -> admission.inspect(broken, 4096)).isInstanceOf(GgufFormatException.class);
        assertThatThrownBy(() -> admission.inspect(dir.resolve("missing.gguf"), 4096))
                .isInstanceOfSatisfying(MedScribeException.class, e -> assertThat(e.isBadInput()).isTrue());
        assertThatThrownBy(() -> admission.inspect(TestModels.languageModel(), 0))
                .isInstanceOfSatisfying(MedScribeException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("model.error.contextSize"));
    }

    @Test
    void theCpuOfThisBuildMachineRunsTheEngine() {
        // The engine tests load the bundled natives here; they would die with SIGILL otherwise.
        assertThat(new ModelAdmission(SystemMemory.fixed(PLENTY)).checkCpu().canRun()).isTrue();
        new ModelAdmission(SystemMemory.fixed(PLENTY)).requireCpu();
    }

    /** A Qwen2.5-1.5B-shaped file (1.1 GB of zero weights, stored sparsely). */
    private Path bigQwenShapedModel() throws IOException {
        Path path = dir.resolve("qwen-shape.gguf");
        if (Files.exists(path)) {
            return path;
        }
        GgufBuilder builder = new GgufBuilder()
                .string("general.architecture", "qwen2")
                .u32("qwen2.context_length", 32768)
                .u32("qwen2.embedding_length", 1536)
                .u32("qwen2.block_count", 28)
                .u32("qwen2.attention.head_count", 12)
                .u32("qwen2.attention.head_count_kv", 2)
                .u32("general.file_type", 15)
                .u64("qwen2.vocab_size", 151_936)
                .tensor("token_embd.weight", GgmlType.Q4_K, 1536, 151_936);
        for (int layer = 0; layer < 28; layer++) {
            builder.tensor("blk." + layer + ".ffn_up.weight", GgmlType.Q4_K, 1536, 8960 * 3);
        }
        return builder.writeTo(path);
    }

    private Path write(String name, GgufBuilder builder) throws IOException {
        return Files.write(dir.resolve(name), builder.build());
    }
}
