package org.medscribe.inference.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.process.ChildJvm;
import org.medscribe.process.Frames;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ContextOverflowException;
import org.medscribe.inference.EngineCrashedException;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.testing.EngineFixtures;
import org.medscribe.inference.testing.GgufSamples;
import org.medscribe.inference.testing.TestModels;

/** The engine in its supervised child JVM, on the tiny random model. */
class SupervisedEngineTest {

    @TempDir
    Path state;

    private SupervisedEngine engine;

    private SupervisedEngine start(SupervisedEngine.Options options) {
        engine = new SupervisedEngine(options, EngineFixtures.passThrough());
        return engine;
    }

    private SupervisedEngine startLoaded() {
        start(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(), state));
        engine.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(2048), ProgressListener.NONE,
                CancellationToken.none());
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void generatesInAChildProcessWithJavaAndLlamaTimings() {
        startLoaded();
        long workerPid = engine.workerPid();
        assertThat(workerPid).isPositive().isNotEqualTo(ProcessHandle.current().pid());
        assertThat(engine.model().engineVersion()).contains("b4916");

        List<String> pieces = Collections.synchronizedList(new ArrayList<>());
        GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Summarise the visit."))
                .maxTokens(32).ignoreEos(true).build(), pieces::add, CancellationToken.none());

        assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(String.join("", pieces)).isEqualTo(result.text());
        assertThat(result.metrics().generatedTokens()).isEqualTo(32);
        assertThat(result.metrics().llamaGenerationRate()).isPositive();
        assertThat(result.metrics().javaGenerationRate()).isPositive();
        assertThat(result.metrics().timeToFirstTokenMillis()).isPositive();
        assertThat(engine.status().state()).isEqualTo(EngineState.READY);
    }

    @Test
    void failuresCrossTheProcessBoundaryWithTheirDetails() {
        startLoaded();
        assertThatThrownBy(() -> engine.generate(GenerationRequest.builder(EngineFixtures.longChat(150, "x"))
                .maxTokens(16).build(), piece -> { }, CancellationToken.none()))
                .isInstanceOfSatisfying(ContextOverflowException.class, e -> {
                    assertThat(e.contextSize()).isEqualTo(2048);
                    assertThat(e.promptTokens()).isGreaterThan(2048);
                });
        assertThat(engine.countPromptTokens(EngineFixtures.chat("hello"))).isPositive();
        assertThat(engine.countTokens("患者咳嗽三天")).isPositive();
    }

    @Test
    void cancelStopsTheWorkerAfterAboutOneToken() {
        startLoaded();
        CancellationToken cancel = new CancellationToken();
        List<String> pieces = Collections.synchronizedList(new ArrayList<>());
        GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("A long letter."))
                .maxTokens(1800).ignoreEos(true).build(), piece -> {
                    pieces.add(piece);
                    if (pieces.size() == 5) {
                        cancel.cancel();
                    }
                }, cancel);

        assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
        // Tokens already in the pipe when the cancel frame arrives may still come through.
        assertThat(pieces.size()).isBetween(5, 60);
        assertThat(engine.restarts()).isZero();
    }

    @Test
    void recoversFromSigkillMidGenerationTwentyTimes() throws Exception {
        startLoaded();
        for (int round = 1; round <= 20; round++) {
            CountDownLatch streaming = new CountDownLatch(3);
            CompletableFuture<GenerationResult> inFlight = CompletableFuture.supplyAsync(() ->
                    engine.generate(GenerationRequest.builder(EngineFixtures.chat("Keep writing " + System.nanoTime()))
                            .maxTokens(1800).ignoreEos(true).build(), piece -> streaming.countDown(),
                            CancellationToken.none()));
            assertThat(streaming.await(60, TimeUnit.SECONDS)).as("round %d streams", round).isTrue();
            long pid = engine.workerPid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            int finalRound = round;
            assertThatThrownBy(() -> inFlight.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(EngineCrashedException.class);

            GenerationResult next = engine.generate(GenerationRequest.builder(EngineFixtures.chat("After crash"))
                    .maxTokens(8).build(), piece -> { }, CancellationToken.none());
            assertThat(next.finishReason()).as("round %d", finalRound).isIn(FinishReason.STOP, FinishReason.LENGTH);
            assertThat(engine.workerPid()).isNotEqualTo(pid);
            assertThat(engine.restarts()).isEqualTo(round);
            assertThat(engine.status().state()).isEqualTo(EngineState.READY);
            assertThat(engine.status().restarts()).isEqualTo(round);
        }
    }

    @Test
    void reportsStoppedThenReadyAroundARestart() throws Exception {
        startLoaded();
        List<EngineState> states = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch stopped = new CountDownLatch(1);
        engine.addStatusListener(status -> {
            states.add(status.state());
            if (status.state() == EngineState.STOPPED) {
                stopped.countDown();
            }
        });
        ProcessHandle.of(engine.workerPid()).orElseThrow().destroyForcibly();
        // A request that arrives after the supervisor noticed the crash waits for the restart.
        assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
        GenerationResult next = engine.generate(GenerationRequest.builder(EngineFixtures.chat("again"))
                .maxTokens(4).build(), piece -> { }, CancellationToken.none());

        assertThat(next.text()).isNotNull();
        assertThat(states).containsSubsequence(EngineState.STOPPED, EngineState.LOADING, EngineState.READY);
    }

    @Test
    void aModelThatAbortsLlamaCppWhileLoadingIsNotRetriedAndIsRemembered(@TempDir Path models) throws Exception {
        // Fault injection: the worker skips its own admission, so the real llama.cpp abort happens in it.
        start(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(), state)
                .withWorkerProperty(EngineWorker.SKIP_ADMISSION_PROPERTY, "true"));
        Path poison = GgufSamples.emptyKeyFile(models);

        assertThatThrownBy(() -> engine.load(EngineSettings.defaults(poison), ProgressListener.NONE,
                CancellationToken.none()))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("engine.error.crashedDuringLoad"));

        assertThat(engine.status().state()).isEqualTo(EngineState.FAILED);
        assertThat(engine.crashedDuringLoad()).contains(poison.toAbsolutePath());
        assertThat(engine.workerPid()).isEqualTo(-1);
        // A new supervisor (the next app start) sees the marker too.
        try (SupervisedEngine next = new SupervisedEngine(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(),
                state), EngineFixtures.passThrough())) {
            assertThat(next.crashedDuringLoad()).contains(poison.toAbsolutePath());
            // Loading a good model explicitly works and clears the marker.
            LoadedModel good = next.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(1024),
                    ProgressListener.NONE, CancellationToken.none());
            assertThat(good.contextSize()).isEqualTo(1024);
            assertThat(next.crashedDuringLoad()).isEmpty();
        }
    }

    @Test
    void aWorkerThatDiesWhileReloadingAfterACrashIsNotReloadedAgain(@TempDir Path models) throws Exception {
        start(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(), state)
                .withWorkerProperty(EngineWorker.SKIP_ADMISSION_PROPERTY, "true")
                .withRestartPolicy(new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 6)));
        Path model = Files.copy(TestModels.languageModel(), models.resolve("model.gguf"));
        engine.load(EngineSettings.defaults(model).withContextSize(1024), ProgressListener.NONE,
                CancellationToken.none());
        // The file changes under the running model (a new inode: the worker's mapping stays valid) into
        // one that aborts llama.cpp, so the automatic reload after the crash below dies while loading.
        Path poison = GgufSamples.emptyKeyFile(Files.createDirectory(models.resolve("poison")));
        Files.move(poison, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<EngineState> states = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondLoad = new java.util.concurrent.CountDownLatch(2);
        engine.addStatusListener(status -> {
            states.add(status.state());
            if (status.state() == EngineState.FAILED) {
                failed.countDown();
            } else if (status.state() == EngineState.LOADING) {
                secondLoad.countDown();
            }
        });

        ProcessHandle first = ProcessHandle.of(engine.workerPid()).orElseThrow();
        first.destroyForcibly();
        first.onExit().get(30, TimeUnit.SECONDS);
        assertThat(failed.await(60, TimeUnit.SECONDS)).as(states.toString()).isTrue();
        // A further reload, were one scheduled, would start within the 10-20 ms back-off.
        assertThat(secondLoad.await(500, TimeUnit.MILLISECONDS)).as(states.toString()).isFalse();

        assertThat(engine.status().state()).isEqualTo(EngineState.FAILED);
        assertThat(engine.status().messageKey()).isEqualTo("engine.error.crashedDuringLoad");
        assertThat(states.stream().filter(EngineState.LOADING::equals).count()).as(states.toString()).isEqualTo(1);
        assertThat(engine.workerPid()).isEqualTo(-1);
        assertThat(engine.crashedDuringLoad()).contains(model.toAbsolutePath());
        assertThatThrownBy(() -> engine.generate(GenerationRequest.builder(EngineFixtures.chat("x")).maxTokens(2).build(),
                piece -> { }, CancellationToken.none()))
                .isInstanceOfSatisfying(EngineException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("engine.error.crashedDuringLoad"));
    }

    @Test
    void givesUpAfterRepeatedCrashesWithoutSuccess() throws Exception {
        start(SupervisedEngine.Options.defaults(EngineFixtures.nativesDir(), state)
                .withRestartPolicy(new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 2)));
        engine.load(EngineSettings.defaults(TestModels.languageModel()).withContextSize(1024), ProgressListener.NONE,
                CancellationToken.none());
        for (int crash = 1; crash <= 3; crash++) {
            long pid = awaitWorker(crash - 1);
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().get(30, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.status().state() != EngineState.FAILED && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(engine.status().state()).isEqualTo(EngineState.FAILED);
        assertThat(engine.status().messageKey()).isEqualTo("engine.error.restartsExhausted");
        assertThatThrownBy(() -> engine.generate(GenerationRequest.builder(EngineFixtures.chat("x")).maxTokens(2).build(),
                piece -> { }, CancellationToken.none())).isInstanceOf(EngineException.class);
    }

    /** The pid of the worker started after {@code restarts} restarts, once it is ready. */
    private long awaitWorker(int restarts) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long pid = engine.workerPid();
            if (pid > 0 && engine.restarts() == restarts && engine.status().state() == EngineState.READY
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return pid;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no worker became ready");
    }

    @Test
    void concurrentRequestsQueueWithoutInterleaving() throws Exception {
        startLoaded();
        List<CompletableFuture<long[]>> windows = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            int seed = i;
            windows.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                long[] window = new long[2];
                StringBuilder mine = new StringBuilder();
                GenerationResult result = engine.generate(GenerationRequest.builder(EngineFixtures.chat("Go " + seed))
                        .maxTokens(60).ignoreEos(true).seed(seed).build(), piece -> {
                            long now = System.nanoTime();
                            if (window[0] == 0) {
                                window[0] = now;
                            }
                            window[1] = now;
                            mine.append(piece);
                        }, CancellationToken.none());
                assertThat(mine.toString()).isEqualTo(result.text());
                return window;
            }));
        }
        go.countDown();
        List<long[]> sorted = new ArrayList<>();
        for (CompletableFuture<long[]> window : windows) {
            sorted.add(window.get(2, TimeUnit.MINUTES));
        }
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i)[0]).as("token windows must not overlap").isGreaterThan(sorted.get(i - 1)[1]);
        }
    }

    @Test
    void closeStopsTheWorkerProcess() throws Exception {
        startLoaded();
        ProcessHandle worker = ProcessHandle.of(engine.workerPid()).orElseThrow();
        engine.close();
        assertThat(worker.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(engine.status().state()).isEqualTo(EngineState.NO_MODEL);
    }

    @Test
    void workerExitsWhenTheAppGoesAway() throws Exception {
        Process worker = ChildJvm.of(EngineWorker.class).argument(EngineFixtures.nativesDir().toString())
                .argument(state.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(Frames.decode(out.readLine())).hasValueSatisfying(
                    frame -> assertThat(frame.path("type").asText()).isEqualTo("ready"));
            worker.getOutputStream().close(); // what the OS does when the app dies
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            worker.destroyForcibly();
        }
    }
}
