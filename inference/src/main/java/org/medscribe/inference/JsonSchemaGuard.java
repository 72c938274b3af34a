package org.medscribe.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.medscribe.common.MedScribeException.Category;

/**
 * Checks a JSON schema in Java before llama.cpp converts it to a grammar. The native converter
 * throws a C++ exception on malformed JSON or on constructs it cannot translate, and in
 * java-llama.cpp 4.2.0 nothing catches it: the whole process aborts. So only the subset the
 * converter is known to handle passes: objects with properties/required, arrays with items and
 * min/max items, strings with min/max length, numbers, integers, booleans, null, enums, const,
 * anyOf/oneOf/allOf, and local {@code $ref}s into {@code $defs}/{@code definitions}.
 */
public final class JsonSchemaGuard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");
    private static final Set<String> KEYWORDS = Set.of(
            "type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems", "maxItems",
            "minLength", "maxLength", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "$defs", "definitions",
            "description", "title", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "$schema", "$id",
            "default", "examples");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions");
    private static final Set<String> SCHEMA_LISTS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final int MAX_DEPTH = 32;

    private JsonSchemaGuard() {
    }

    /**
     * @return the parsed schema
     * @throws EngineException (BAD_INPUT, {@code engine.error.schemaInvalid} / {@code engine.error.schemaUnsupported})
     */
    public static JsonNode check(String schema) {
        JsonNode root;
        try {
            root = JSON.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new EngineException(Category.BAD_INPUT, "engine.error.schemaInvalid",
                    e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new EngineException(Category.BAD_INPUT, "engine.error.schemaInvalid", "not a JSON object");
        }
        checkNode(root, root, "#", 0);
        return root;
    }

    private static void checkNode(JsonNode node, JsonNode root, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw unsupported(path, "nesting deeper than " + MAX_DEPTH);
        }
        if (node.isBoolean()) {
            return;
        }
        if (!node.isObject()) {
            throw unsupported(path, "a schema must be an object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            String here = path + "/" + key;
            if (!KEYWORDS.contains(key)) {
                throw unsupported(here, "keyword " + key);
            }
            switch (key) {
                case "type" -> checkType(value, here);
                case "items", "additionalProperties" -> {
                    if (!value.isBoolean()) {
                        checkNode(value, root, here, depth + 1);
                    }
                }
                case "$ref" -> checkRef(value, root, here);
                case "required" -> {
                    if (!value.isArray()) {
                        throw unsupported(here, "required must be a list");
                    }
                }
                case "minItems", "maxItems", "minLength", "maxLength" -> {
                    if (!value.canConvertToInt() || value.asInt() < 0) {
                        throw unsupported(here, key + " must be a non-negative integer");
                    }
                }
                case "enum" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw unsupported(here, "enum must be a non-empty list");
                    }
                }
                default -> {
                    if (SCHEMA_MAPS.contains(key)) {
                        if (!value.isObject()) {
                            throw unsupported(here, key + " must be an object");
                        }
                        value.properties().forEach(e -> checkNode(e.getValue(), root, here + "/" + e.getKey(),
                                depth + 1));
                    } else if (SCHEMA_LISTS.contains(key)) {
                        if (!value.isArray() || value.isEmpty()) {
                            throw unsupported(here, key + " must be a non-empty list");
                        }
                        for (int i = 0; i < value.size(); i++) {
                            checkNode(value.get(i), root, here + "/" + i, depth + 1);
                        }
                    }
                }
            }
        }
    }

    private static void checkType(JsonNode value, String path) {
        if (value.isTextual()) {
            if (!TYPES.contains(value.asText())) {
                throw unsupported(path, "type " + value.asText());
            }
        } else if (value.isArray() && !value.isEmpty()) {
            value.forEach(t -> checkType(t, path));
        } else {
            throw unsupported(path, "type must be a name or a list of names");
        }
    }

    private static void checkRef(JsonNode value, JsonNode root, String path) {
        String ref = value.asText("");
        if (!(ref.startsWith("#/$defs/") || ref.startsWith("#/definitions/"))) {
            throw unsupported(path, "only local $ref into $defs is supported");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw unsupported(path, "$ref to a missing definition");
        }
    }

    private static EngineException unsupported(String path, String what) {
        return new EngineException(Category.BAD_INPUT, "engine.error.schemaUnsupported", what, path);
    }
}
