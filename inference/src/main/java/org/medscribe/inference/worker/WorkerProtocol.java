package org.medscribe.inference.worker;

import com.fasterxml.jackson.databind.JsonNode;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.ContextOverflowException;
import org.medscribe.inference.EngineException;
import org.medscribe.process.Frames;

/**
 * What the engine says over the {@link Frames} wire between the app and its engine worker.
 *
 * <p>Requests: {@code load}, {@code generate}, {@code cancel}, {@code count}, {@code count_prompt},
 * {@code exit}. Events: {@code ready}, {@code loaded}, {@code token}, {@code done}, {@code count},
 * {@code error}. Every request but {@code exit} carries an {@code id} its events repeat.
 */
final class WorkerProtocol {

    private WorkerProtocol() {
    }

    /** Rebuilds the engine failure an error event describes, with its own type where it has one. */
    static EngineException failure(JsonNode frame) {
        MedScribeException.Category category = Frames.category(frame);
        String key = frame.path("key").asText("engine.error.generationFailed");
        Object[] args = Frames.arguments(frame);
        if (key.equals("engine.error.contextOverflow") && args.length == 3) {
            return new ContextOverflowException(((Number) args[0]).intValue(), ((Number) args[1]).intValue(),
                    ((Number) args[2]).intValue());
        }
        return new EngineException(category, key, args);
    }
}
