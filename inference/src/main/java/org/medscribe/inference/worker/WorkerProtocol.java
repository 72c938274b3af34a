package org.medscribe.inference.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.ContextOverflowException;
import org.medscribe.inference.EngineException;

/**
 * The framed protocol between the app and its engine worker: one JSON object per line, each line
 * prefixed with {@link #PREFIX}, over the worker's stdin (requests) and stdout (events). Lines
 * without the prefix on stdout are output of native code and are ignored, so a stray native
 * {@code printf} cannot be mistaken for a frame. JSON escapes newlines, so a frame never spans lines.
 *
 * <p>Requests: {@code load}, {@code generate}, {@code cancel}, {@code count}, {@code count_prompt},
 * {@code exit}. Events: {@code ready}, {@code loaded}, {@code token}, {@code done}, {@code count},
 * {@code error}. Every request but {@code exit} carries an {@code id} its events repeat.
 */
final class WorkerProtocol {

    static final String PREFIX = "\u001eMSE1 ";
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WorkerProtocol() {
    }

    static ObjectNode frame(String type, long id) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("id", id);
        return node;
    }

    static String encode(ObjectNode frame) {
        try {
            return PREFIX + JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame not serialisable", e);
        }
    }

    /** The frame on {@code line}, or empty for a line that is not one. */
    static Optional<ObjectNode> decode(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line.substring(PREFIX.length()));
            return node instanceof ObjectNode object && object.hasNonNull("type")
                    ? Optional.of(object) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed frame field of type " + type.getSimpleName(), e);
        }
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** An error event carrying a MedScribe failure across the process boundary. */
    static ObjectNode error(long id, MedScribeException failure) {
        ObjectNode node = frame("error", id);
        node.put("category", failure.category().name());
        node.put("key", failure.messageKey());
        ArrayNode args = node.putArray("args");
        for (Object argument : failure.arguments()) {
            if (argument instanceof Number number) {
                args.add(number.longValue());
            } else {
                args.add(String.valueOf(argument));
            }
        }
        return node;
    }

    /** Rebuilds the failure an error event describes. */
    static EngineException failure(JsonNode frame) {
        MedScribeException.Category category = MedScribeException.Category.valueOf(frame.path("category").asText("FAILED"));
        String key = frame.path("key").asText("engine.error.generationFailed");
        List<Object> args = new ArrayList<>();
        frame.path("args").forEach(arg -> args.add(arg.isNumber() ? (Object) arg.asLong() : arg.asText()));
        if (key.equals("engine.error.contextOverflow") && args.size() == 3) {
            return new ContextOverflowException(((Number) args.get(0)).intValue(), ((Number) args.get(1)).intValue(),
                    ((Number) args.get(2)).intValue());
        }
        return new EngineException(category, key, args.toArray());
    }
}
