package org.medscribe.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * The wire between a parent and its child JVM: one JSON object per line, each line prefixed with
 * {@link #PREFIX}, over the child's stdin (requests) and stdout (answers). Lines without the prefix
 * are output of libraries or native code and are ignored, so a stray {@code printf} cannot be taken
 * for a frame. JSON escapes newlines, so a frame never spans lines.
 *
 * <p>Every frame has a {@code type} and an {@code id} its answers repeat. A failure in the child
 * travels as an {@code error} frame ({@link #error}) and comes back as the same
 * {@link MedScribeException}: category, message key and arguments ({@link #failure}).
 */
public final class Frames {

    public static final String PREFIX = "\u001eMSE1 ";
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Frames() {
    }

    public static ObjectNode frame(String type, long id) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("id", id);
        return node;
    }

    public static String type(JsonNode frame) {
        return frame.path("type").asText();
    }

    public static boolean isError(JsonNode frame) {
        return type(frame).equals("error");
    }

    public static String encode(ObjectNode frame) {
        try {
            return PREFIX + JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame not serialisable", e);
        }
    }

    /** The frame on {@code line}, or empty for a line that is not one. */
    public static Optional<ObjectNode> decode(String line) {
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

    /** A field of a frame as {@code type}, read with {@code mapper} (its naming rules). */
    public static <T> T read(ObjectMapper mapper, JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed frame field of type " + type.getSimpleName(), e);
        }
    }

    public static <T> T read(JsonNode node, Class<T> type) {
        return read(JSON, node, type);
    }

    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** An error frame carrying {@code failure} across the process boundary; numbers stay numbers. */
    public static ObjectNode error(long id, MedScribeException failure) {
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

    /** The category an error frame names; {@code FAILED} when it names none this version knows. */
    public static Category category(JsonNode error) {
        try {
            return Category.valueOf(error.path("category").asText("FAILED"));
        } catch (IllegalArgumentException unknown) {
            return Category.FAILED;
        }
    }

    /** The arguments of an error frame: numbers as {@code Long}, the rest as text. */
    public static Object[] arguments(JsonNode error) {
        List<Object> args = new ArrayList<>();
        error.path("args").forEach(arg -> args.add(arg.isNumber() ? (Object) arg.asLong() : arg.asText()));
        return args.toArray();
    }

    /** Rebuilds the failure an error frame describes ({@code fallbackKey} if it names none). */
    public static MedScribeException failure(JsonNode error, String fallbackKey) {
        Category category = category(error);
        if (category == Category.CANCELLED) {
            return new CancelledException();
        }
        return new MedScribeException(category, error.path("key").asText(fallbackKey), arguments(error));
    }
}
