package org.medscribe.quality.model;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
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
 * A language engine that answers from a script and records its requests, for the logic of the
 * model review (what goes into the prompt and schema, what happens to each kind of answer). It sits
 * beside the real-engine test ({@code ModelReviewEndToEndTest}), never instead of it.
 * (Written here because the inference test-jar's ScriptedEngine was not on main yet.)
 */
final class ScriptedReviewEngine implements LanguageEngine {

    private final Function<GenerationRequest, String> answer;
    private final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    private int maxChars = Integer.MAX_VALUE;
    private RuntimeException failure;

    ScriptedReviewEngine(Function<GenerationRequest, String> answer) {
        this.answer = answer;
    }

    static ScriptedReviewEngine answering(String json) {
        return new ScriptedReviewEngine(request -> json);
    }

    /** Cuts every answer after {@code chars} characters, as a token limit would. */
    ScriptedReviewEngine cutAfter(int chars) {
        this.maxChars = chars;
        return this;
    }

    /** Fails every request with {@code e}. */
    ScriptedReviewEngine failingWith(RuntimeException e) {
        this.failure = e;
        return this;
    }

    GenerationRequest lastRequest() {
        return requests.get(requests.size() - 1);
    }

    List<GenerationRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public LoadedModel load(EngineSettings settings, ProgressListener progress, CancellationToken cancel) {
        return model();
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener tokens, CancellationToken cancel) {
        requests.add(request);
        if (failure != null) {
            throw failure;
        }
        String text = answer.apply(request);
        FinishReason reason = FinishReason.STOP;
        if (cancel.isCancelled()) {
            text = "";
            reason = FinishReason.CANCELLED;
        } else if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
            reason = FinishReason.LENGTH;
        }
        tokens.onToken(text);
        GenerationMetrics metrics = new GenerationMetrics(100, 100, text.length(), 1, 2, 100, 100, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
        return new GenerationResult(text, reason, metrics, request.seed());
    }

    @Override
    public int countTokens(String text) {
        return text.length();
    }

    @Override
    public int countPromptTokens(List<ChatMessage> messages) {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
    }

    @Override
    public LoadedModel model() {
        return new LoadedModel(Path.of("scripted.gguf"), "scripted", "scripted", 8192, 0, 0, "scripted");
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
    }
}
