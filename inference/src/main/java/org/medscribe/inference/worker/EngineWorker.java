package org.medscribe.inference.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.ModelCheck;
import org.medscribe.inference.admission.AdmissionCheck;
import org.medscribe.inference.llama.LlamaEngine;
import com.fasterxml.jackson.core.type.TypeReference;
import org.medscribe.process.ParentWire;
import org.medscribe.process.Frames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine worker process: a child JVM that owns llama.cpp, so that a native crash, abort or
 * out-of-memory ends this process and not the app. Started by {@link SupervisedEngine}; speaks
 * {@link WorkerProtocol} over {@link Frames} on stdin/stdout. Ends when told to, or when stdin closes (the app died).
 *
 * <p>Arguments: {@code NATIVES_DIR STATE_DIR}.
 */
public final class EngineWorker {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWorker.class);

    /** Test-only fault injection: skip the worker's own admission check (see the engine tests). */
    static final String SKIP_ADMISSION_PROPERTY = "medscribe.engine.test.skipWorkerAdmission";

    /**
     * Token frames are flushed at most this often: on a fast model, one pipe write per token costs
     * both processes CPU that llama.cpp's threads need, while the app draws at most once per frame
     * anyway. Every other frame (and so the end of a generation) flushes at once.
     */
    private static final long TOKEN_FLUSH_NANOS = 15_000_000L;

    private final ParentWire frames;
    private final LlamaEngine engine;
    private final ExecutorService inference = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "inference");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, CancellationToken> running = new ConcurrentHashMap<>();

    private EngineWorker(ParentWire frames, LlamaEngine engine) {
        this.frames = frames;
        this.engine = engine;
    }

    public static void main(String[] args) throws IOException {
        // stdout carries frames only: the binding's loader prints to System.out, which now goes to stderr.
        ParentWire frames = ParentWire.claim();
        if (args.length != 2) {
            System.err.println("usage: EngineWorker NATIVES_DIR STATE_DIR");
            System.exit(2);
        }
        ModelCheck check = Boolean.getBoolean(SKIP_ADMISSION_PROPERTY)
                // Fault injection for tests only: lets a file the app's admission would refuse reach
                // llama.cpp, to prove that its abort ends this process and not the app.
                ? settings -> new ModelCheck.ModelIdentity(settings.modelPath().getFileName().toString(), "unchecked")
                : AdmissionCheck.forThisMachine();
        EngineWorker worker = new EngineWorker(frames, new LlamaEngine(Path.of(args[0]), Path.of(args[1]), check));
        worker.serve();
    }

    private void serve() throws IOException {
        frames.send(Frames.frame("ready", 0).put("pid", ProcessHandle.current().pid()));
        Optional<ObjectNode> next;
        while ((next = frames.next()).isPresent()) {
            ObjectNode frame = next.get();
            long id = frame.path("id").asLong();
            switch (frame.path("type").asText()) {
                case "cancel" -> {
                    CancellationToken token = running.get(id);
                    if (token != null) {
                        token.cancel();
                    }
                }
                case "exit" -> exit(0);
                default -> {
                    CancellationToken token = new CancellationToken();
                    running.put(id, token);
                    inference.execute(() -> handle(frame, id, token));
                }
            }
        }
        // stdin closed: the app is gone, so is our reason to exist.
        exit(0);
    }

    private void handle(ObjectNode frame, long id, CancellationToken cancel) {
        try {
            switch (frame.path("type").asText()) {
                case "load" -> {
                    EngineSettings settings = Frames.read(frame.get("settings"), EngineSettings.class);
                    LoadedModel model = engine.load(settings, ProgressListener.NONE, cancel);
                    ObjectNode loaded = Frames.frame("loaded", id);
                    loaded.set("model", Frames.tree(model));
                    frames.send(loaded);
                }
                case "generate" -> {
                    GenerationRequest request = Frames.read(frame.get("request"), GenerationRequest.class);
                    GenerationResult result = engine.generate(request,
                            piece -> frames.sendBatched(Frames.frame("token", id).put("text", piece), TOKEN_FLUSH_NANOS),
                            cancel);
                    ObjectNode done = Frames.frame("done", id);
                    done.set("result", Frames.tree(result));
                    frames.send(done);
                }
                case "count" -> frames.send(Frames.frame("count", id)
                        .put("tokens", engine.countTokens(frame.path("text").asText())));
                case "count_prompt" -> {
                    List<ChatMessage> messages = Frames.JSON.convertValue(frame.get("messages"),
                            new TypeReference<List<ChatMessage>>() { });
                    frames.send(Frames.frame("count", id).put("tokens", engine.countPromptTokens(messages)));
                }
                default -> frames.send(Frames.error(id, new EngineException(
                        MedScribeException.Category.FAILED, "engine.error.protocol", frame.path("type").asText())));
            }
        } catch (MedScribeException failure) {
            frames.send(Frames.error(id, failure));
        } catch (RuntimeException unexpected) {
            LOG.error("unexpected failure in the engine worker", unexpected);
            frames.send(Frames.error(id, new EngineException(MedScribeException.Category.FAILED,
                    "engine.error.generationFailed")));
        } finally {
            running.remove(id);
        }
    }

    private void exit(int code) {
        // The binding may keep the JVM alive after close (upstream #116): always exit explicitly.
        Runtime.getRuntime().halt(code);
    }
}
