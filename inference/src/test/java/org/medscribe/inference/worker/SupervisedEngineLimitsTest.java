package org.medscribe.inference.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.EngineFixtures;
import org.medscribe.inference.testing.TestModels;

/** The supervised engine's own housekeeping and deadlines, with a real worker on the tiny model. */
class SupervisedEngineLimitsTest {

    @TempDir
    Path state;

    private SupervisedEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void llamaLogsOfEndedWorkersDoNotPileUp() throws Exception {
        Files.createDirectories(state);
        // Pids above any system's pid_max: these workers are certainly gone.
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            Path old = Files.writeString(state.resolve("llama-" + (900_000_000L + i) + ".log"), "timings " + i);
            Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(3600 - i)));
        }
        Path unrelated = Files.writeString(state.resolve("llama-notes.txt"), "kept");

        for (int run = 0; run < 3; run++) {
            engine = new SupervisedEngine(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(), state),
                    EngineFixtures.passThrough());
            engine.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(512), ProgressListener.NONE,
                    CancellationToken.none());
            engine.close();
        }
        engine = null;

        List<String> logs;
        try (Stream<Path> files = Files.list(state)) {
            logs = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("llama-\\d+\\.log")).toList();
        }
        assertThat(logs).hasSizeLessThanOrEqualTo(EngineLogs.KEPT)
                .containsAnyOf("llama-900000011.log", "llama-900000010.log", "llama-900000009.log");
        assertThat(logs).doesNotContain("llama-900000000.log", "llama-900000008.log");
        assertThat(unrelated).exists();
    }

    @Test
    void aLoadPastItsDeadlineIsStoppedAndSaysSo() throws Exception {
        engine = new SupervisedEngine(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(), state)
                .withLoadDeadline(new LoadDeadline(Duration.ZERO, Long.MAX_VALUE)), EngineFixtures.passThrough());

        assertThatThrownBy(() -> engine.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(512),
                ProgressListener.NONE, CancellationToken.none()))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("engine.error.loadTimeout");
                    assertThat(e.arguments()).containsExactly(0L);
                });
        assertThat(engine.workerPid()).isEqualTo(-1);
        assertThat(engine.status().state()).isEqualTo(EngineState.FAILED);
        assertThat(engine.crashedDuringLoad()).as("not loaded on its own at the next start").isPresent();
    }

    @Test
    void loadingReportsProgressAtOnceAndHasASizeDependentDeadline() {
        LoadDeadline deadline = LoadDeadline.standard();
        assertThat(deadline.forModel(4_700_000_000L)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
        assertThat(ModelLoadWatch.residentBytes(ProcessHandle.current().pid()))
                .as("resident memory of a live process on Linux").isPresent();
        List<Double> reported = new ArrayList<>();
        ModelLoadWatch watch = new ModelLoadWatch(ProcessHandle.current().pid(), 1L << 40, Duration.ofHours(1),
                (phase, fraction) -> reported.add(fraction));

        watch.tick();
        watch.tick();

        assertThat(reported).as("at once, then every two seconds").hasSize(1)
                .allSatisfy(f -> assertThat(f).isBetween(0.0, 0.99));
    }
}
