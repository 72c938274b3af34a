package org.medscribe.inference.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.process.ChildJvm;
import org.medscribe.process.ChildProcess;
import org.medscribe.process.Frames;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.EngineCrashedException;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.EngineStatus;
import org.medscribe.inference.StatusPublishingEngine;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.ModelCheck;
import org.medscribe.inference.TokenListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as the desktop app uses it: llama.cpp runs in a child JVM ({@link EngineWorker}) so
 * that a native crash, abort or out-of-memory ends the worker, never the app.
 *
 * <p>The supervisor notices the worker's exit (any exit code), fails the request in flight with
 * {@link EngineCrashedException}, reports {@link EngineState#STOPPED}, and restarts the worker with
 * the last loaded model after a back-off ({@link RestartPolicy}). Callers that arrive meanwhile wait
 * for the restart. If the worker dies while loading a model (an explicit load or the reload after a
 * crash), the supervisor does not load it again and reports {@link EngineState#FAILED}, and a
 * {@link CrashMarker} keeps the app from loading that model on its own at the next start.
 *
 * <p>Models are admitted in this process (GGUF header, architecture, memory) before a worker is
 * even started. Cancelling a generation stops it after the next token; if the worker does not
 * answer within a few seconds (a long prompt still being evaluated), it is killed and restarted,
 * and the text so far is returned as cancelled.
 *
 * <p>Thread-safe; calls block and belong on a background thread. Requests run one at a time in
 * arrival order. {@link #close()} stops the worker.
 */
public final class SupervisedEngine extends StatusPublishingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedEngine.class);

    /**
     * How to run the worker.
     *
     * @param nativesRoot   app-owned directory for the native library
     * @param stateDir      private directory for the crash marker and llama.cpp's log
     * @param maxHeap       worker JVM heap (model weights live outside it)
     * @param startTimeout  how long a worker may take to start (not counting the model load)
     * @param cancelGrace   how long a cancelled request may take to stop before the worker is killed
     * @param restartPolicy back-off and limit for restarts after crashes
     * @param loadDeadline  how long loading a model may take, by its size
     */
    public record Options(Path nativesRoot, Path stateDir, String maxHeap, Duration startTimeout,
                          Duration cancelGrace, RestartPolicy restartPolicy, Map<String, String> workerProperties,
                          LoadDeadline loadDeadline) {

        public Options {
            workerProperties = Map.copyOf(workerProperties);
        }

        public static Options defaults(Path nativesRoot, Path stateDir) {
            return new Options(nativesRoot, stateDir, "256m", Duration.ofSeconds(60), Duration.ofSeconds(3),
                    RestartPolicy.standard(), Map.of(), LoadDeadline.standard());
        }

        /** The same options with an extra system property for the worker JVM. */
        public Options withWorkerProperty(String name, String value) {
            Map<String, String> properties = new java.util.HashMap<>(workerProperties);
            properties.put(name, value);
            return new Options(nativesRoot, stateDir, maxHeap, startTimeout, cancelGrace, restartPolicy, properties,
                    loadDeadline);
        }

        public Options withRestartPolicy(RestartPolicy policy) {
            return new Options(nativesRoot, stateDir, maxHeap, startTimeout, cancelGrace, policy, workerProperties,
                    loadDeadline);
        }

        public Options withLoadDeadline(LoadDeadline deadline) {
            return new Options(nativesRoot, stateDir, maxHeap, startTimeout, cancelGrace, restartPolicy,
                    workerProperties, deadline);
        }
    }

    private final Options options;
    private final ModelCheck modelCheck;
    private final CrashMarker crashMarker;
    private final ReentrantLock requests = new ReentrantLock(true);
    private final Object monitor = new Object();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "engine-restart");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by monitor.
    private Worker worker;
    private EngineSettings settings;
    private LoadedModel loaded;
    private boolean loading;
    private boolean restarting;
    private boolean closed;
    private int restarts;
    private int consecutiveCrashes;
    private long epoch;
    private ScheduledFuture<?> pendingRestart;

    public SupervisedEngine(Options options, ModelCheck modelCheck) {
        this.options = options;
        this.modelCheck = modelCheck;
        this.crashMarker = new CrashMarker(options.stateDir());
    }

    /** The model that was loading when the engine last died, if any: do not load it automatically. */
    public Optional<Path> crashedDuringLoad() {
        return crashMarker.crashedModel();
    }

    /** Process id of the current worker, or -1 (for diagnostics and tests). */
    public long workerPid() {
        synchronized (monitor) {
            return worker == null ? -1 : worker.pid();
        }
    }

    /** Restarts after crashes in this session. */
    public int restarts() {
        synchronized (monitor) {
            return restarts;
        }
    }

    @Override
    public LoadedModel load(EngineSettings newSettings, ProgressListener progress, CancellationToken cancel) {
        lockRequests(cancel);
        try {
            progress.progress("engine.phase.checking", ProgressListener.INDETERMINATE);
            ModelCheck.ModelIdentity identity = modelCheck.check(newSettings);
            LOG.info("loading model {} ({}), context {}", identity.name(), identity.architecture(),
                    newSettings.contextSize());
            long myEpoch;
            synchronized (monitor) {
                if (closed) {
                    throw new EngineException(Category.FAILED, "engine.error.closed");
                }
                myEpoch = ++epoch;
                cancelPendingRestart();
                settings = null;
                loaded = null;
                consecutiveCrashes = 0;
                restarting = false;
            }
            stopWorker();
            progress.progress("engine.phase.loading", ProgressListener.INDETERMINATE);
            try {
                return startAndLoad(newSettings, progress, cancel, myEpoch);
            } catch (EngineCrashedException crash) {
                EngineException failure = new EngineException(Category.FAILED, crash,
                        "engine.error.crashedDuringLoad", crash.exitCode());
                publishFailure(failure);
                throw failure;
            }
        } finally {
            requests.unlock();
        }
    }

    /**
     * Starts a worker and loads {@code target} in it. Leaves the crash marker in place if the worker
     * dies meanwhile.
     */
    private LoadedModel startAndLoad(EngineSettings target, ProgressListener progress, CancellationToken cancel,
            long myEpoch) {
        publish(new EngineStatus(EngineState.LOADING, null, null, null, restartsNow()));
        try {
            crashMarker.markLoading(target.modelPath());
        } catch (IOException e) {
            throw new EngineException(Category.FAILED, e, "engine.error.stateDir", options.stateDir().toString());
        }
        Worker started;
        try {
            started = launch();
        } catch (RuntimeException e) {
            clearMarker(); // the model was never sent to the worker: not the model's fault
            throw e;
        }
        synchronized (monitor) {
            if (myEpoch != epoch || closed) {
                started.shutdown();
                throw new CancelledException();
            }
            worker = started;
            loading = true;
        }
        try {
            ObjectNode frame = Frames.frame("load", ids.incrementAndGet());
            frame.set("settings", Frames.tree(target));
            WorkerCall call = started.call(frame, TokenListener.NONE);
            ModelLoadWatch watch = new ModelLoadWatch(started.pid(), sizeOf(target.modelPath()),
                    options.loadDeadline().forModel(sizeOf(target.modelPath())), progress);
            JsonNode answer;
            try {
                answer = await(call, cancel, watch::tick);
            } catch (CancelledException e) {
                stopWorker();
                clearMarker();
                publish(EngineStatus.noModel());
                throw e;
            } catch (EngineException overdue) {
                if (!ModelLoadWatch.TIMEOUT_KEY.equals(overdue.messageKey())) {
                    throw overdue; // the worker died or was stopped: the callers handle that
                }
                // A load that hangs is treated as one that crashed: the marker stays, so the app does
                // not load this model on its own at the next start.
                LOG.warn("engine worker {} did not load the model in time; stopped", started.pid());
                stopWorker();
                publishFailure(overdue);
                throw overdue;
            }
            if (Frames.isError(answer)) {
                EngineException failure = WorkerProtocol.failure(answer);
                stopWorker();
                clearMarker();
                publishFailure(failure);
                throw failure;
            }
            LoadedModel model = Frames.read(answer.get("model"), LoadedModel.class);
            clearMarker();
            synchronized (monitor) {
                settings = target;
                loaded = model;
                monitor.notifyAll();
            }
            publish(new EngineStatus(EngineState.READY, model, null, null, restartsNow()));
            LOG.info("engine worker {} ready with {} ({} ms)", started.pid(), model.name(),
                    Math.round(model.loadMillis()));
            return model;
        } finally {
            synchronized (monitor) {
                loading = false;
                monitor.notifyAll();
            }
        }
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener tokens, CancellationToken cancel) {
        lockRequests(cancel);
        try {
            Worker current = awaitReady(cancel);
            long id = ids.incrementAndGet();
            ObjectNode frame = Frames.frame("generate", id);
            frame.set("request", Frames.tree(request));
            publish(EngineState.GENERATING);
            WorkerCall call = current.call(frame, tokens);
            Runnable unregister = cancel.onCancel(() -> current.child.sendQuietly(Frames.frame("cancel", id)));
            try {
                JsonNode answer = awaitGeneration(current, call, cancel);
                if (answer == null) {
                    // Killed after the cancel grace period: keep what arrived.
                    return new GenerationResult(call.text(), FinishReason.CANCELLED, call.metrics(null),
                            request.seed());
                }
                if (Frames.isError(answer)) {
                    publish(EngineState.READY);
                    throw WorkerProtocol.failure(answer);
                }
                GenerationResult inWorker = Frames.read(answer.get("result"), GenerationResult.class);
                synchronized (monitor) {
                    consecutiveCrashes = 0;
                }
                publish(EngineState.READY);
                return new GenerationResult(inWorker.text(), inWorker.finishReason(), call.metrics(inWorker.metrics()),
                        inWorker.seed());
            } finally {
                unregister.run();
            }
        } finally {
            requests.unlock();
        }
    }

    /** Waits for the answer; after a cancel, gives the worker a grace period, then kills it. */
    private JsonNode awaitGeneration(Worker current, WorkerCall call, CancellationToken cancel) {
        while (true) {
            try {
                return call.done.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                if (cancel.isCancelled() && call.cancelledAt() == 0) {
                    call.markCancelled();
                }
                if (call.cancelledAt() != 0
                        && System.nanoTime() - call.cancelledAt() > options.cancelGrace().toNanos()) {
                    LOG.warn("engine worker did not stop within {} ms of cancel; restarting it",
                            options.cancelGrace().toMillis());
                    current.killedForCancel = true;
                    current.child.kill();
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                throw unwrap(e);
            }
        }
    }

    @Override
    public int countTokens(String text) {
        ObjectNode frame = Frames.frame("count", ids.incrementAndGet());
        frame.put("text", text);
        return count(frame);
    }

    @Override
    public int countPromptTokens(List<ChatMessage> messages) {
        ObjectNode frame = Frames.frame("count_prompt", ids.incrementAndGet());
        frame.set("messages", Frames.tree(messages));
        return count(frame);
    }

    private int count(ObjectNode frame) {
        CancellationToken none = CancellationToken.none();
        lockRequests(none);
        try {
            Worker current = awaitReady(none);
            JsonNode answer = await(current.call(frame, TokenListener.NONE), none, () -> { });
            if (Frames.isError(answer)) {
                throw WorkerProtocol.failure(answer);
            }
            return answer.path("tokens").asInt();
        } finally {
            requests.unlock();
        }
    }

    /** The ready worker; waits while one is being restarted. */
    private Worker awaitReady(CancellationToken cancel) {
        synchronized (monitor) {
            while (true) {
                if (closed) {
                    throw new EngineException(Category.FAILED, "engine.error.closed");
                }
                if (worker != null && !loading && loaded != null) {
                    return worker;
                }
                if (!restarting && !loading) {
                    EngineStatus now = status.current();
                    if (now.state() == EngineState.FAILED && now.messageKey() != null) {
                        throw new EngineException(Category.FAILED, now.messageKey(), now.messageArgs());
                    }
                    throw new EngineException(Category.FAILED, "engine.error.noModel");
                }
                cancel.throwIfCancelled();
                try {
                    monitor.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
            }
        }
    }

    /** Waits for the answer to {@code call}; {@code waiting} runs first and every 100 ms, and may throw. */
    private JsonNode await(WorkerCall call, CancellationToken cancel, Runnable waiting) {
        while (true) {
            waiting.run();
            try {
                return call.done.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                cancel.throwIfCancelled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                throw unwrap(e);
            }
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime
                : new EngineException(Category.FAILED, e.getCause(), "engine.error.generationFailed");
    }

    /** Called from the worker's exit watcher. */
    private void onWorkerExit(Worker exited, int exitCode) {
        try {
            recordExit(exited, exitCode);
        } finally {
            // Fail the requests only once the state says the worker is gone, so that a caller
            // reacting to the failure cannot be handed the dead worker again.
            exited.failAll(new EngineCrashedException(exitCode));
            EngineLogs.delete(EngineLogs.of(options.stateDir(), exited.pid()));
        }
    }

    private void recordExit(Worker exited, int exitCode) {
        Duration delay;
        long myEpoch;
        synchronized (monitor) {
            if (exited != worker) {
                return;
            }
            worker = null;
            monitor.notifyAll();
            if (closed || loading || settings == null) {
                return;
            }
            boolean crash = !exited.killedForCancel;
            if (crash) {
                restarts++;
                consecutiveCrashes++;
                LOG.warn("engine worker {} stopped unexpectedly (exit code {}); restart {} of this session",
                        exited.pid(), exitCode, restarts);
            }
            if (consecutiveCrashes > options.restartPolicy().maxConsecutiveCrashes()) {
                restarting = false;
                publishFailure(new EngineException(Category.FAILED, "engine.error.restartsExhausted",
                        consecutiveCrashes));
                return;
            }
            restarting = true;
            myEpoch = epoch;
            delay = crash ? options.restartPolicy().delayAfter(consecutiveCrashes) : Duration.ZERO;
            status.publish(new EngineStatus(EngineState.STOPPED, loaded, "engine.error.crashed",
                    new Object[] {exitCode}, restarts));
            pendingRestart = restarter.schedule(() -> restart(myEpoch), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restart(long myEpoch) {
        EngineSettings target;
        synchronized (monitor) {
            if (myEpoch != epoch || closed || settings == null) {
                restarting = false;
                monitor.notifyAll();
                return;
            }
            target = settings;
        }
        try {
            startAndLoad(target, ProgressListener.NONE, CancellationToken.none(), myEpoch);
            synchronized (monitor) {
                restarting = false;
                monitor.notifyAll();
            }
        } catch (RuntimeException failure) {
            LOG.warn("engine restart failed: {}", failure instanceof MedScribeException m ? m.messageKey()
                    : failure.getClass().getName());
            synchronized (monitor) {
                if (myEpoch != epoch || closed) {
                    return;
                }
                if (failure instanceof EngineCrashedException crash) {
                    // The worker died while reloading the model: the model (or what became of its
                    // file) is the likely cause, so it is not loaded again on its own. The crash
                    // marker stays, as after an explicit load.
                    restarting = false;
                    settings = null;
                    loaded = null;
                    monitor.notifyAll();
                    publishFailure(new EngineException(Category.FAILED, crash, "engine.error.crashedDuringLoad",
                            crash.exitCode()));
                    return;
                }
                consecutiveCrashes++;
                if (consecutiveCrashes > options.restartPolicy().maxConsecutiveCrashes()) {
                    restarting = false;
                    monitor.notifyAll();
                    publishFailure(new EngineException(Category.FAILED, "engine.error.restartsExhausted",
                            consecutiveCrashes));
                    return;
                }
                Duration delay = options.restartPolicy().delayAfter(consecutiveCrashes);
                pendingRestart = restarter.schedule(() -> restart(myEpoch), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private Worker launch() {
        try {
            Files.createDirectories(options.stateDir());
            EngineLogs.prune(options.stateDir());
            ChildJvm jvm = ChildJvm.of(EngineWorker.class)
                    .maxHeap(options.maxHeap())
                    .systemProperty("medscribe.log.name", "engine-worker")
                    .argument(options.nativesRoot().toString())
                    .argument(options.stateDir().toString());
            options.workerProperties().forEach(jvm::systemProperty);
            Worker started = new Worker();
            started.attach(jvm.start());
            try {
                started.ready.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                started.shutdown();
                throw new EngineException(Category.FAILED, e, "engine.error.workerStart");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                started.shutdown();
                throw new CancelledException();
            }
            return started;
        } catch (IOException e) {
            throw new EngineException(Category.FAILED, e, "engine.error.workerStart");
        }
    }

    private void stopWorker() {
        Worker stopping;
        synchronized (monitor) {
            stopping = worker;
            worker = null;
            monitor.notifyAll();
        }
        if (stopping != null) {
            stopping.shutdown();
            EngineLogs.delete(EngineLogs.of(options.stateDir(), stopping.pid()));
            stopping.failAll(new EngineException(Category.FAILED, "engine.error.closed"));
        }
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    private void clearMarker() {
        try {
            crashMarker.clear();
        } catch (IOException e) {
            LOG.warn("could not clear the engine crash marker", e);
        }
    }

    private int restartsNow() {
        synchronized (monitor) {
            return restarts;
        }
    }

    private void publish(EngineStatus next) {
        status.publish(next);
    }

    private void publish(EngineState state) {
        status.publish(state);
    }

    private void publishFailure(EngineException failure) {
        status.publish(new EngineStatus(EngineState.FAILED, null, failure.messageKey(), failure.arguments(),
                restartsNow()));
    }

    private static long sizeOf(Path model) {
        try {
            return Files.size(model);
        } catch (IOException unreadable) {
            return 0; // the worker's own check says what is wrong with it
        }
    }

    private void lockRequests(CancellationToken cancel) {
        try {
            while (!requests.tryLock(100, TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    @Override
    public LoadedModel model() {
        synchronized (monitor) {
            return loaded;
        }
    }

    @Override
    public void close() {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
            epoch++;
            cancelPendingRestart();
            monitor.notifyAll();
        }
        stopWorker();
        restarter.shutdownNow();
        status.publish(EngineStatus.noModel());
    }

    /** One worker process: its wire, its requests in flight. */
    private final class Worker implements ChildProcess.Listener {
        final CompletableFuture<Long> ready = new CompletableFuture<>();
        final Map<Long, WorkerCall> calls = new ConcurrentHashMap<>();
        volatile ChildProcess child;
        volatile boolean killedForCancel;

        void attach(Process process) {
            child = ChildProcess.attach(process, "engine-worker", Long.MAX_VALUE, this);
            child.onExit().thenAccept(exitCode -> {
                ready.completeExceptionally(new EngineCrashedException(exitCode));
                onWorkerExit(this, exitCode);
            });
        }

        long pid() {
            return child.pid();
        }

        WorkerCall call(ObjectNode frame, TokenListener tokens) {
            WorkerCall call = new WorkerCall(tokens);
            calls.put(frame.path("id").asLong(), call);
            // A closed pipe means the worker is gone; its exit watcher fails the call.
            child.sendQuietly(frame);
            if (!child.isAlive()) {
                call.done.completeExceptionally(new EngineCrashedException(child.exitCode(Duration.ZERO)));
            }
            return call;
        }

        void failAll(RuntimeException failure) {
            calls.values().forEach(call -> call.done.completeExceptionally(failure));
            calls.clear();
        }

        void shutdown() {
            child.stop(Frames.frame("exit", 0), Duration.ofSeconds(2));
        }

        @Override
        public void frame(ObjectNode frame) {
            String type = Frames.type(frame);
            if (type.equals("ready")) {
                ready.complete(frame.path("pid").asLong());
                return;
            }
            long id = frame.path("id").asLong();
            WorkerCall call = calls.get(id);
            if (call == null) {
                return;
            }
            if (type.equals("token")) {
                try {
                    call.token(frame.path("text").asText());
                } catch (RuntimeException listenerFailure) {
                    LOG.error("token listener failed", listenerFailure);
                }
            } else {
                calls.remove(id);
                call.done.complete(frame);
            }
        }
    }
}
