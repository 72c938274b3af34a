package org.medscribe.inference.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.gguf.GgufBuilder;
import org.medscribe.inference.llama.LlamaEngine;
import org.medscribe.inference.testing.EngineFixtures;
import org.medscribe.inference.testing.GgufSamples;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.inference.worker.SupervisedEngine;

/**
 * Files that would crash or confuse llama.cpp are refused by the engines themselves, in Java,
 * before native code sees them. The in-process engine runs in this JVM: had the 40-byte empty-key
 * file reached llama.cpp, this test run would have aborted with exit 134.
 */
class AdmissionGateTest {

    @TempDir
    Path dir;

    private List<Path> badFiles() throws Exception {
        byte[] model = Files.readAllBytes(TestModels.languageModel());
        Path truncated = dir.resolve("truncated.gguf");
        Files.write(truncated, java.util.Arrays.copyOf(model, model.length / 3));
        Path corrupted = dir.resolve("corrupted.gguf");
        byte[] flipped = model.clone();
        for (int i = 24; i < 24 + 16; i++) {
            flipped[i] = (byte) 0xFF; // the first key's length becomes absurd
        }
        Files.write(corrupted, flipped);
        Path random = dir.resolve("random.gguf");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(random, noise);
        Path qwen3 = GgufBuilder.llamaLike("qwen3").writeTo(dir.resolve("qwen3.gguf"));
        Path text = dir.resolve("notes.gguf");
        Files.writeString(text, "Chief complaint: cough for three days.");
        return List.of(truncated, corrupted, random, GgufSamples.emptyKeyFile(dir), qwen3, text,
                dir.resolve("missing.gguf"));
    }

    @Test
    void inProcessEngineRefusesEveryBadFileThenLoadsAGoodOne() throws Exception {
        try (LlamaEngine engine = new LlamaEngine(EngineFixtures.nativesDir(), dir.resolve("state"),
                AdmissionCheck.forThisMachine())) {
            for (Path bad : badFiles()) {
                assertThatThrownBy(() -> engine.load(EngineSettings.defaults(bad).withContextSize(1024),
                        ProgressListener.NONE, CancellationToken.none()))
                        .as(bad.getFileName().toString())
                        .isInstanceOfSatisfying(MedScribeException.class, e -> {
                            assertThat(e.isBadInput()).isTrue();
                            assertThat(e.messageKey()).startsWith("model.");
                        });
                assertThat(engine.status().state()).isEqualTo(EngineState.FAILED);
            }
            LoadedModel good = engine.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(1024),
                    ProgressListener.NONE, CancellationToken.none());
            assertThat(good.architecture()).isEqualTo("llama");
        }
    }

    @Test
    void supervisedEngineRefusesBadFilesWithoutStartingAWorker() throws Exception {
        try (SupervisedEngine engine = new SupervisedEngine(SupervisedEngine.Options.defaults(
                EngineFixtures.nativesDir(), dir.resolve("state")), AdmissionCheck.forThisMachine())) {
            for (Path bad : badFiles()) {
                assertThatThrownBy(() -> engine.load(EngineSettings.defaults(bad), ProgressListener.NONE,
                        CancellationToken.none())).isInstanceOf(MedScribeException.class);
                assertThat(engine.workerPid()).isEqualTo(-1);
                assertThat(engine.crashedDuringLoad()).isEmpty();
            }
        }
    }

    @Test
    void aModelTooLargeForMemoryIsRefusedWithTheNumbersUnlessOffloadedToAGpu() {
        AdmissionCheck tight = new AdmissionCheck(new ModelAdmission(SystemMemory.fixed(64L << 20)));
        EngineSettings cpu = EngineSettings.defaults(TestModels.languageModel());
        assertThatThrownBy(() -> tight.check(cpu))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ModelRejectedException.Reason.MEMORY));
        EngineSettings gpu = new EngineSettings(cpu.modelPath(), 0, 4096, 0, 99, null);
        assertThat(tight.check(gpu).architecture()).isEqualTo("llama");
    }
}
