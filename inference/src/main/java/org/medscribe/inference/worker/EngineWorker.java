package org.medscribe.inference.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine worker process: a child JVM that owns llama.cpp, so that a native crash, abort or
 * out-of-memory ends this process and not the app. Started by {@link SupervisedEngine}; speaks
 * {@link WorkerProtocol} on stdin/stdout. Ends when told to, or when stdin closes (the app died).
 *
 * <p>Arguments: {@code NATIVES_DIR STATE_DIR}.
 */
public final class EngineWorker {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWorker.class);

    /** Test-only fault injection: skip the worker's own admission check (see the engine tests). */
    static final String SKIP_ADMISSION_PROPERTY = "medscribe.engine.test.skipWorkerAdmission";

    private final PrintStream frames;
    private final LlamaEngine engine;
    private final ExecutorService inference = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "inference");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, CancellationToken> running = new ConcurrentHashMap<>();

    private EngineWorker(PrintStream frames, LlamaEngine engine) {
        this.frames = frames;
        this.engine = engine;
    }

    public static void main(String[] args) throws IOException {
        // stdout carries frames only: everything else that prints (the binding's loader prints to
        // System.out) goes to stderr.
        PrintStream frames = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
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
        send(WorkerProtocol.frame("ready", 0).put("pid", ProcessHandle.current().pid()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            Optional<ObjectNode> decoded = WorkerProtocol.decode(line);
            if (decoded.isEmpty()) {
                continue;
            }
            ObjectNode frame = decoded.get();
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
                    EngineSettings settings = WorkerProtocol.read(frame.get("settings"), EngineSettings.class);
                    LoadedModel model = engine.load(settings, ProgressListener.NONE, cancel);
                    ObjectNode loaded = WorkerProtocol.frame("loaded", id);
                    loaded.set("model", WorkerProtocol.tree(model));
                    send(loaded);
                }
                case "generate" -> {
                    GenerationRequest request = WorkerProtocol.read(frame.get("request"), GenerationRequest.class);
                    GenerationResult result = engine.generate(request,
                            piece -> send(WorkerProtocol.frame("token", id).put("text", piece)), cancel);
                    ObjectNode done = WorkerProtocol.frame("done", id);
                    done.set("result", WorkerProtocol.tree(result));
                    send(done);
                }
                case "count" -> send(WorkerProtocol.frame("count", id)
                        .put("tokens", engine.countTokens(frame.path("text").asText())));
                case "count_prompt" -> {
                    List<ChatMessage> messages = WorkerProtocol.JSON.convertValue(frame.get("messages"),
                            new TypeReference<List<ChatMessage>>() { });
                    send(WorkerProtocol.frame("count", id).put("tokens", engine.countPromptTokens(messages)));
                }
                default -> send(WorkerProtocol.error(id, new EngineException(
                        MedScribeException.Category.FAILED, "engine.error.protocol", frame.path("type").asText())));
            }
        } catch (MedScribeException failure) {
            send(WorkerProtocol.error(id, failure));
        } catch (RuntimeException unexpected) {
            LOG.error("unexpected failure in the engine worker", unexpected);
            send(WorkerProtocol.error(id, new EngineException(MedScribeException.Category.FAILED,
                    "engine.error.generationFailed")));
        } finally {
            running.remove(id);
        }
    }

    private synchronized void send(ObjectNode frame) {
        frames.println(WorkerProtocol.encode(frame));
        frames.flush();
    }

    private void exit(int code) {
        // The binding may keep the JVM alive after close (upstream #116): always exit explicitly.
        Runtime.getRuntime().halt(code);
    }
}
