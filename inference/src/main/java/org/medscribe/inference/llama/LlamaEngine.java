package org.medscribe.inference.llama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.ContextOverflowException;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.EngineStatus;
import org.medscribe.inference.StatusPublishingEngine;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationMetrics;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.JsonSchemaGuard;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.ModelCheck;
import org.medscribe.inference.TokenListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * llama.cpp in this process, through java-llama.cpp 4.2.0 (llama.cpp build 4916).
 *
 * <p>Used directly by the command line and inside the engine worker process; the desktop app uses
 * {@code SupervisedEngine}, which runs this class in a child JVM. One model per instance, one
 * generation at a time (callers queue on a fair lock). The model is loaded once: the binding leaks
 * memory on repeated load/close (upstream #102), so a process that needs another model should be
 * replaced, which is what the supervised engine does.
 *
 * <p>Prompt-prefix reuse: the engine runs one llama.cpp slot with prompt caching, so a request that
 * shares a prefix with the previous one (system prompt, template instructions) only evaluates the
 * new tail.
 *
 * <p>{@link #close()} frees the model's native memory. After it, the JVM may not exit on its own
 * (upstream #116); processes using this class end with {@code System.exit}.
 */
public final class LlamaEngine extends StatusPublishingEngine {

    private static final Logger LOG = LoggerFactory.getLogger(LlamaEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMING_WAIT_MILLIS = 1_000;

    private final Path nativesRoot;
    private final Path stateDir;
    private final ModelCheck modelCheck;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<String, String> grammars = new ConcurrentHashMap<>();

    private LlamaModel llama;
    private LoadedModel loaded;
    private LlamaTimingLog timingLog;

    /**
     * @param nativesRoot app-owned directory where the bundled native library is unpacked
     * @param stateDir    private directory for llama.cpp's log (timings); must not be shared
     * @param modelCheck  admission of model files before native code sees them
     */
    public LlamaEngine(Path nativesRoot, Path stateDir, ModelCheck modelCheck) {
        this.nativesRoot = nativesRoot;
        this.stateDir = stateDir;
        this.modelCheck = modelCheck;
    }

    @Override
    public LoadedModel load(EngineSettings settings, ProgressListener progress, CancellationToken cancel) {
        lock.lock();
        try {
            cancel.throwIfCancelled();
            if (llama != null) {
                throw new EngineException(Category.FAILED, "engine.error.alreadyLoaded");
            }
            progress.progress("engine.phase.checking", ProgressListener.INDETERMINATE);
            ModelCheck.ModelIdentity identity = modelCheck.check(settings);
            cancel.throwIfCancelled();
            NativeLibraries.prepare(nativesRoot, settings.customNativeDir());
            status.publish(new EngineStatus(EngineState.LOADING, null, null, null, 0));
            progress.progress("engine.phase.loading", ProgressListener.INDETERMINATE);

            Files.createDirectories(stateDir);
            Path logFile = stateDir.resolve("llama-" + ProcessHandle.current().pid() + ".log");
            Files.deleteIfExists(logFile);
            timingLog = new LlamaTimingLog(logFile);

            ModelParameters parameters = new ModelParameters()
                    .setModel(settings.modelPath().toString())
                    .setCtxSize(settings.contextSize())
                    .setParallel(1)
                    .setGpuLayers(settings.gpuLayers())
                    // Never shift the context silently: requests are checked against it instead.
                    .disableContextShift()
                    .setLogFile(logFile.toString());
            if (settings.threads() > 0) {
                parameters.setThreads(settings.threads()).setThreadsBatch(settings.threads());
            }
            if (settings.batchSize() > 0) {
                parameters.setBatchSize(settings.batchSize());
            }
            long start = System.nanoTime();
            try {
                llama = new LlamaModel(parameters);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                // LlamaException is package-private in the binding: translate whatever comes out here.
                LOG.warn("model load failed: {}", e.getClass().getName());
                throw new EngineException(Category.FAILED, e, "engine.error.loadFailed",
                        settings.modelPath().getFileName().toString());
            }
            double loadMillis = (System.nanoTime() - start) / 1e6;
            String build = timingLog.build().orElse("b4916");
            loaded = new LoadedModel(settings.modelPath(), identity.name(), identity.architecture(),
                    settings.contextSize(), Files.size(settings.modelPath()), loadMillis,
                    "java-llama.cpp " + NativeLibraries.BINDING_VERSION + ", llama.cpp " + build);
            status.publish(new EngineStatus(EngineState.READY, loaded, null, null, 0));
            LOG.info("model loaded: {} ({} ms, context {})", loaded.name(), Math.round(loadMillis),
                    settings.contextSize());
            return loaded;
        } catch (MedScribeException e) {
            if (llama == null) {
                status.publish(new EngineStatus(e instanceof CancelledException ? EngineState.NO_MODEL
                        : EngineState.FAILED, null, e.messageKey(), e.arguments(), 0));
            }
            throw e;
        } catch (IOException e) {
            throw new EngineException(Category.FAILED, e, "engine.error.stateDir", stateDir.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener tokens, CancellationToken cancel) {
        lock.lock();
        try {
            LlamaModel model = requireModel();
            String prompt = formatPrompt(model, request.messages());
            int promptTokens = countFormatted(model, prompt);
            if (promptTokens + request.maxTokens() > loaded.contextSize()) {
                throw new ContextOverflowException(promptTokens, request.maxTokens(), loaded.contextSize());
            }
            InferenceParameters parameters = new InferenceParameters(prompt)
                    .setNPredict(request.maxTokens())
                    .setTemperature((float) request.temperature())
                    .setSeed(request.seed())
                    .setCachePrompt(request.cachePrompt());
            if (!request.stop().isEmpty()) {
                parameters.setStopStrings(request.stop().toArray(String[]::new));
            }
            if (request.ignoreEos()) {
                parameters.setIgnoreEos(true);
            }
            if (request.hasSchema()) {
                parameters.setGrammar(grammarFor(request.jsonSchema()));
            }
            status.publish(EngineState.GENERATING);
            try {
                return run(model, parameters, request, promptTokens, tokens, cancel);
            } finally {
                status.publish(EngineState.READY);
            }
        } finally {
            lock.unlock();
        }
    }

    private GenerationResult run(LlamaModel model, InferenceParameters parameters, GenerationRequest request,
                                 int promptTokens, TokenListener tokens, CancellationToken cancel) {
        long logPosition = timingLog.position();
        StringBuilder text = new StringBuilder();
        int pieces = 0;
        long start = System.nanoTime();
        long firstToken = 0;
        long lastToken = 0;
        boolean cancelled = false;
        try {
            LlamaIterator iterator = model.generate(parameters).iterator();
            while (iterator.hasNext()) {
                // Cancel from this thread, between tokens: the binding's receive call would never
                // return for a task cancelled from another thread.
                if (cancel.isCancelled()) {
                    iterator.cancel();
                    cancelled = true;
                    break;
                }
                LlamaOutput output = iterator.next();
                long now = System.nanoTime();
                if (firstToken == 0) {
                    firstToken = now;
                }
                if (!output.text.isEmpty()) {
                    lastToken = now;
                    pieces++;
                    text.append(output.text);
                    tokens.onToken(output.text);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("generation failed: {}", e.getClass().getName());
            throw new EngineException(Category.FAILED, e, "engine.error.generationFailed");
        }
        long end = System.nanoTime();
        Optional<LlamaTimingLog.Report> report = cancelled ? Optional.empty()
                : timingLog.awaitReport(logPosition, TIMING_WAIT_MILLIS);
        int generated = report.map(LlamaTimingLog.Report::evalTokens).orElse(pieces);
        int evaluated = report.map(LlamaTimingLog.Report::promptTokens).orElse(promptTokens);

        FinishReason reason = cancelled ? FinishReason.CANCELLED
                : generated >= request.maxTokens() ? FinishReason.LENGTH : FinishReason.STOP;
        if (reason == FinishReason.STOP && request.hasSchema()) {
            requireJson(text);
        }
        double ttft = firstToken == 0 ? Double.NaN : (firstToken - start) / 1e6;
        double genSeconds = (lastToken - firstToken) / 1e9;
        GenerationMetrics metrics = new GenerationMetrics(
                promptTokens,
                evaluated,
                generated,
                ttft,
                (end - start) / 1e6,
                evaluated / (ttft / 1e3),
                // Same definition as llama.cpp's own figure: tokens decoded over the time since the first.
                genSeconds > 0 ? generated / genSeconds : Double.NaN,
                report.map(LlamaTimingLog.Report::promptMillis).orElse(Double.NaN),
                report.map(LlamaTimingLog.Report::promptRate).orElse(Double.NaN),
                report.map(LlamaTimingLog.Report::evalMillis).orElse(Double.NaN),
                report.map(LlamaTimingLog.Report::evalRate).orElse(Double.NaN));
        return new GenerationResult(text.toString(), reason, metrics, request.seed());
    }

    private static void requireJson(CharSequence text) {
        try {
            JSON.readTree(text.toString());
        } catch (JsonProcessingException e) {
            throw new EngineException(Category.FAILED, "engine.error.invalidJson");
        }
    }

    private String grammarFor(String schema) {
        String cached = grammars.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonSchemaGuard.check(schema);
        String grammar = compactWhitespace(LlamaModel.jsonSchemaToGrammar(schema));
        grammars.put(schema, grammar);
        return grammar;
    }

    /**
     * llama.cpp's converter lets the model put up to two newlines and twenty spaces or tabs wherever
     * JSON allows whitespace. Output tokens are what a CPU pays for, and pretty-printing buys the
     * doctor nothing, so the whitespace rule is narrowed to at most one space.
     */
    static String compactWhitespace(String grammar) {
        return grammar.replaceAll("(?m)^space ::= .*$", "space ::= | \" \"");
    }

    @Override
    public int countTokens(String text) {
        lock.lock();
        try {
            return requireModel().encode(text).length;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int countPromptTokens(List<ChatMessage> messages) {
        lock.lock();
        try {
            LlamaModel model = requireModel();
            return countFormatted(model, formatPrompt(model, messages));
        } finally {
            lock.unlock();
        }
    }

    /** The messages formatted with the model's own chat template, ending with the assistant's turn. */
    private static String formatPrompt(LlamaModel model, List<ChatMessage> messages) {
        String system = null;
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message.role() == ChatMessage.Role.SYSTEM && system == null && turns.isEmpty()) {
                system = message.content();
            } else {
                turns.add(new Pair<>(message.role().wireName(), message.content()));
            }
        }
        InferenceParameters parameters = new InferenceParameters("").setMessages(system, turns)
                .setUseChatTemplate(true);
        try {
            return model.applyTemplate(parameters);
        } catch (RuntimeException e) {
            throw new EngineException(Category.FAILED, e, "engine.error.chatTemplate");
        }
    }

    /** Tokens llama.cpp will evaluate for a formatted prompt: its tokens plus the beginning-of-sequence token. */
    private static int countFormatted(LlamaModel model, String prompt) {
        return model.encode(prompt).length + 1;
    }

    private LlamaModel requireModel() {
        if (llama == null) {
            throw new EngineException(Category.FAILED, "engine.error.noModel");
        }
        return llama;
    }

    @Override
    public LoadedModel model() {
        return loaded;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (llama != null) {
                llama.close();
                llama = null;
            }
            if (timingLog != null) {
                Files.deleteIfExists(timingLog.file());
            }
        } catch (IOException e) {
            LOG.debug("could not delete the llama.cpp log", e);
        } finally {
            loaded = null;
            status.publish(EngineStatus.noModel());
            lock.unlock();
        }
    }
}
