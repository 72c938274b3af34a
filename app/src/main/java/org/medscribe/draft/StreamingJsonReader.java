package org.medscribe.draft;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads a JSON answer as the model streams it, piece by piece, and reports every value as soon as
 * it is complete, down to a given depth: with depth 2, each fact {@code {"t":…,"s":[…]}} of an
 * extraction as it closes, then its whole category. Built on Jackson's non-blocking parser.
 *
 * <p>Not thread-safe: one reader per generation, fed from the engine's token thread.
 */
public final class StreamingJsonReader {

    /** Receives completed values (and, if it wants, the opening of the objects and arrays it will receive). */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param path  keys (String) and array indexes (Integer) from the root to the value
         * @param value the complete value
         */
        void completed(List<Object> path, JsonNode value);

        /**
         * An object or array at {@code path} has begun (the root's excepted): the model started
         * writing a value that will be reported complete later, if the answer gets that far.
         */
        default void opened(List<Object> path) {
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private final int maxDepth;
    private final Listener listener;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private JsonNode root;
    private String error;
    private boolean ended;

    public StreamingJsonReader(int maxDepth, Listener listener) {
        this.maxDepth = maxDepth;
        this.listener = listener;
        try {
            this.parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson's non-blocking parser is unavailable", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Feeds the next piece of the answer. Ignored after an error. */
    public void feed(String piece) {
        if (error != null || ended || piece.isEmpty()) {
            return;
        }
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        try {
            feeder.feedInput(bytes, 0, bytes.length);
            drain();
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** Marks the end of the answer (completes a trailing number). */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (error != null) {
            return;
        }
        try {
            feeder.endOfInput();
            drain();
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** The whole answer, once its root value has closed; null before. */
    public JsonNode root() {
        return root;
    }

    /** True once the root value is complete. */
    public boolean isComplete() {
        return root != null;
    }

    /** The parser's complaint if the answer is not JSON, else null. */
    public String error() {
        return error;
    }

    private void drain() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            switch (token) {
                case START_OBJECT -> open(JsonNodeFactory.instance.objectNode());
                case START_ARRAY -> open(JsonNodeFactory.instance.arrayNode());
                case END_OBJECT, END_ARRAY -> {
                    Frame done = stack.pop();
                    complete(done.key, done.node);
                }
                case FIELD_NAME -> stack.peek().pendingField = parser.currentName();
                case VALUE_STRING -> complete(keyForNext(), JsonNodeFactory.instance.textNode(parser.getText()));
                case VALUE_NUMBER_INT -> complete(keyForNext(), JsonNodeFactory.instance.numberNode(parser.getLongValue()));
                case VALUE_NUMBER_FLOAT -> complete(keyForNext(), JsonNodeFactory.instance.numberNode(parser.getDecimalValue()));
                case VALUE_TRUE -> complete(keyForNext(), JsonNodeFactory.instance.booleanNode(true));
                case VALUE_FALSE -> complete(keyForNext(), JsonNodeFactory.instance.booleanNode(false));
                case VALUE_NULL -> complete(keyForNext(), JsonNodeFactory.instance.nullNode());
                default -> { }
            }
        }
    }

    /** The key the next value will have in its parent: field name, array index, or null at the root. */
    private Object keyForNext() {
        Frame parent = stack.peek();
        if (parent == null) {
            return null;
        }
        if (parent.node instanceof ArrayNode array) {
            return array.size();
        }
        return parent.pendingField;
    }

    private void open(JsonNode container) {
        Object key = keyForNext();
        int depth = stack.size();
        if (depth > 0 && depth <= maxDepth) {
            listener.opened(pathTo(key));
        }
        stack.push(new Frame(container, key));
    }

    private void complete(Object key, JsonNode value) {
        Frame parent = stack.peek();
        if (parent == null) {
            root = value;
            return;
        }
        if (parent.node instanceof ArrayNode array) {
            array.add(value);
        } else {
            ((ObjectNode) parent.node).set((String) key, value);
        }
        if (stack.size() <= maxDepth) {
            listener.completed(pathTo(key), value);
        }
    }

    /** The path from the root to the value with {@code key} in the innermost open container. */
    private List<Object> pathTo(Object key) {
        List<Object> path = new ArrayList<>(stack.size());
        List<Frame> frames = new ArrayList<>(stack);
        // stack iterates from the innermost frame; the path runs from the root
        for (int i = frames.size() - 2; i >= 0; i--) {
            path.add(frames.get(i).key);
        }
        path.add(key);
        return List.copyOf(path);
    }

    private static final class Frame {
        final JsonNode node;
        final Object key;
        String pendingField;

        Frame(JsonNode node, Object key) {
            this.node = node;
            this.key = key;
        }
    }
}
