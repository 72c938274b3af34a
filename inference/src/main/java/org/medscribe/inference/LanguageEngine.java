package org.medscribe.inference;

import java.util.List;
import java.util.function.Consumer;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;

/**
 * The local language model as the rest of MedScribe sees it: load a GGUF model, then generate
 * answers to chat requests as a stream of tokens.
 *
 * <p>Threading: every method may block (model load takes seconds, generation minutes) and must be
 * called from a background thread, never the JavaFX thread. Implementations are thread-safe;
 * concurrent {@link #generate} calls queue and run one at a time, so their tokens never interleave.
 *
 * <p>Two implementations share the same native code: {@code LlamaEngine} runs llama.cpp in this
 * process (command line, worker), {@code SupervisedEngine} runs it in a child JVM so that a native
 * crash cannot take the application down.
 *
 * <p>{@link #close()} unloads the model and frees native memory (for the supervised engine it
 * stops the worker process).
 */
public interface LanguageEngine extends AutoCloseable {

    /**
     * Loads a model, replacing any loaded one. The model is admitted (GGUF header read, architecture
     * and memory checked) in Java before native code sees the file.
     *
     * @throws EngineException with category BAD_INPUT for a file that is refused, FAILED otherwise
     */
    LoadedModel load(EngineSettings settings, ProgressListener progress, CancellationToken cancel);

    /**
     * Generates an answer. Returns when the model stops, the token limit is reached or the token is
     * cancelled (the text so far is kept, with {@link FinishReason#CANCELLED}).
     *
     * @throws ContextOverflowException if the prompt plus {@code maxTokens} does not fit the context
     * @throws EngineCrashedException   if the engine process died during the request
     * @throws EngineException          if no model is loaded or generation failed
     */
    GenerationResult generate(GenerationRequest request, TokenListener tokens, CancellationToken cancel);

    /** Number of tokens of {@code text} in the loaded model's vocabulary (no chat formatting). */
    int countTokens(String text);

    /** Number of tokens of the request's messages once formatted with the chat template. */
    int countPromptTokens(List<ChatMessage> messages);

    /** The loaded model, or null. */
    LoadedModel model();

    /** The current status. */
    EngineStatus status();

    /** Registers a status listener (called on an engine thread). Returns a handle that removes it. */
    Runnable addStatusListener(Consumer<EngineStatus> listener);

    @Override
    void close();
}
