package org.medscribe.inference.testing;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.ContextOverflowException;
import org.medscribe.inference.EngineException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.EngineStatus;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationMetrics;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.LoadedModel;
import org.medscribe.inference.TokenListener;

/**
 * A {@link LanguageEngine} that answers from a script and records every request, for testing what
 * callers put in their prompts and how they handle answers (streaming, cancellation, token limits).
 * It never replaces the real engine in a test; it sits beside it.
 *
 * <p>Tokens are counted as one per {@link #charsPerToken} characters (rounded up); an answer is
 * streamed in pieces of that size. An answer longer than the request's {@code maxTokens} is cut
 * there with {@link FinishReason#LENGTH}. A prompt that does not fit the context throws
 * {@link ContextOverflowException} like the real engine. Thread-safe.
 */
public final class ScriptedEngine implements LanguageEngine {

    private final Deque<Function<GenerationRequest, String>> script = new ArrayDeque<>();
    private final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private final int contextSize;
    private int charsPerToken = 4;
    private int cancelAfterPieces = -1;
    private CancellationToken cancelToTrigger;
    private Function<GenerationRequest, String> fallback;

    public ScriptedEngine(int contextSize) {
        this.contextSize = contextSize;
    }

    public ScriptedEngine() {
        this(4096);
    }

    /** Queues a fixed answer for the next request. */
    public synchronized ScriptedEngine answer(String text) {
        script.add(request -> text);
        return this;
    }

    /** Queues an answer computed from the next request. */
    public synchronized ScriptedEngine answer(Function<GenerationRequest, String> answer) {
        script.add(answer);
        return this;
    }

    /** The answer for every request once the script has run out (else such a request fails). */
    public synchronized ScriptedEngine otherwise(Function<GenerationRequest, String> answer) {
        this.fallback = answer;
        return this;
    }

    public synchronized ScriptedEngine charsPerToken(int value) {
        this.charsPerToken = value;
        return this;
    }

    /** Cancels {@code token} after streaming {@code pieces} pieces of the next answer. */
    public synchronized ScriptedEngine cancelAfter(int pieces, CancellationToken token) {
        this.cancelAfterPieces = pieces;
        this.cancelToTrigger = token;
        return this;
    }

    /** Every request so far, in order. */
    public List<GenerationRequest> requests() {
        return List.copyOf(requests);
    }

    public GenerationRequest lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public LoadedModel load(EngineSettings settings, ProgressListener progress, CancellationToken cancel) {
        return model();
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener tokens, CancellationToken cancel) {
        Objects.requireNonNull(request, "request");
        int promptTokens = countPromptTokens(request.messages());
        if (promptTokens + request.maxTokens() > contextSize) {
            throw new ContextOverflowException(promptTokens, request.maxTokens(), contextSize);
        }
        requests.add(request);
        Function<GenerationRequest, String> next;
        int cancelAt;
        CancellationToken toCancel;
        synchronized (this) {
            next = script.isEmpty() ? fallback : script.poll();
            cancelAt = cancelAfterPieces;
            toCancel = cancelToTrigger;
            cancelAfterPieces = -1;
            cancelToTrigger = null;
        }
        if (next == null) {
            throw new EngineException(EngineException.Category.FAILED, "engine.error.generation", "script exhausted");
        }
        String answer = next.apply(request);
        StringBuilder produced = new StringBuilder();
        int pieces = 0;
        FinishReason reason = FinishReason.STOP;
        for (int i = 0; i < answer.length(); i += charsPerToken) {
            if (cancel.isCancelled()) {
                reason = FinishReason.CANCELLED;
                break;
            }
            if (pieces >= request.maxTokens()) {
                reason = FinishReason.LENGTH;
                break;
            }
            String piece = answer.substring(i, Math.min(answer.length(), i + charsPerToken));
            produced.append(piece);
            tokens.onToken(piece);
            pieces++;
            if (pieces == cancelAt && toCancel != null) {
                toCancel.cancel();
            }
        }
        if (reason == FinishReason.STOP && cancel.isCancelled() && produced.length() < answer.length()) {
            reason = FinishReason.CANCELLED;
        }
        GenerationMetrics metrics = new GenerationMetrics(promptTokens, promptTokens, pieces, 1, 1 + pieces,
                promptTokens, pieces, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        return new GenerationResult(produced.toString(), reason, metrics, request.seed());
    }

    @Override
    public int countTokens(String text) {
        return (text.length() + charsPerToken - 1) / charsPerToken;
    }

    @Override
    public int countPromptTokens(List<ChatMessage> messages) {
        int total = 0;
        for (ChatMessage message : messages) {
            total += 4 + countTokens(message.content());
        }
        return total;
    }

    @Override
    public LoadedModel model() {
        return new LoadedModel(Path.of("scripted.gguf"), "scripted", "scripted", contextSize, 0, 0, "scripted-engine");
    }

    @Override
    public EngineStatus status() {
        return new EngineStatus(EngineState.READY, model(), null, null, 0);
    }

    @Override
    public Runnable addStatusListener(Consumer<EngineStatus> listener) {
        return () -> { };
    }

    @Override
    public void close() {
        // nothing to free
    }

    /** All prompt text of a request, messages joined (for assertions on prompt content). */
    public static String promptText(GenerationRequest request) {
        List<String> parts = new ArrayList<>();
        request.messages().forEach(m -> parts.add(m.role().wireName() + ": " + m.content()));
        return String.join("\n", parts);
    }
}
