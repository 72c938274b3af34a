package org.medscribe.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.medscribe.record.Severity;

/**
 * One rule of a rule pack, as the pack's JSON states it.
 *
 * @param id         stable id, the same in both templates for the same check ({@code cc.too_long})
 * @param kind       which check implements it ({@code max_length}); see {@link CheckKinds}
 * @param severity   critical, major or minor
 * @param section    the pack's section id it checks, or {@code *} for every section
 * @param enabled    whether it runs (after the clinic's switches)
 * @param messageKey bundle key of the message
 * @param fixKey     bundle key of the suggested fix
 * @param params     the check's parameters (a JSON object; read-only)
 */
public record RuleSpec(String id, String kind, Severity severity, String section, boolean enabled, String messageKey,
                       String fixKey, JsonNode params) {

    public static final String EVERY_SECTION = "*";

    public RuleSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(fixKey, "fixKey");
        params = params == null || !params.isObject() ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
    }

    public RuleSpec withEnabled(boolean value) {
        return new RuleSpec(id, kind, severity, section, value, messageKey, fixKey, params);
    }

    public boolean appliesToEverySection() {
        return EVERY_SECTION.equals(section);
    }

    int intParam(String name, int fallback) {
        return param(name, JsonNode::canConvertToInt, JsonNode::asInt, fallback);
    }

    double doubleParam(String name, double fallback) {
        return param(name, JsonNode::isNumber, JsonNode::asDouble, fallback);
    }

    boolean booleanParam(String name, boolean fallback) {
        return param(name, JsonNode::isBoolean, JsonNode::asBoolean, fallback);
    }

    String textParam(String name, String fallback) {
        return param(name, JsonNode::isTextual, JsonNode::asText, fallback);
    }

    /** Parameter {@code name} read by {@code as} when it {@code is} of the expected type, else the fallback. */
    private <T> T param(String name, Predicate<JsonNode> is, Function<JsonNode, T> as, T fallback) {
        JsonNode value = params.get(name);
        return value != null && is.test(value) ? as.apply(value) : fallback;
    }

    List<String> listParam(String name) {
        List<String> out = new ArrayList<>();
        JsonNode value = params.get(name);
        if (value != null && value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** A numeric range parameter {@code [low, high]}, or the fallback. */
    double[] rangeParam(String name, double low, double high) {
        JsonNode value = params.get(name);
        if (value != null && value.isArray() && value.size() == 2 && value.get(0).isNumber() && value.get(1).isNumber()) {
            return new double[] {value.get(0).asDouble(), value.get(1).asDouble()};
        }
        return new double[] {low, high};
    }
}
