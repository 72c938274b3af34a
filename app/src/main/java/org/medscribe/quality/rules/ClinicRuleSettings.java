package org.medscribe.quality.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.PrivateFiles;

/**
 * A clinic's switches over the built-in rules, kept in a file the composition root names
 * ({@code quality-rules.json} in the data directory):
 *
 * <pre>{@code
 * {
 *   "rules": {
 *     "cc.no_symptom": false,                 // off in every template
 *     "outpatient-zh:personal.missing": true  // on in one template
 *   }
 * }
 * }</pre>
 *
 * A template-qualified switch wins over a plain one. A switch naming a rule that does not exist is
 * refused (a typo would otherwise leave on a rule the clinic believes off). Immutable.
 */
public final class ClinicRuleSettings {

    private static final String FILE_NAME = "quality-rules.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Boolean> switches;
    private final String origin;

    private ClinicRuleSettings(Map<String, Boolean> switches, String origin) {
        this.switches = Map.copyOf(switches);
        this.origin = origin;
    }

    /** No switches: every rule as the pack ships it. */
    public static ClinicRuleSettings none() {
        return new ClinicRuleSettings(Map.of(), FILE_NAME);
    }

    /**
     * The switches in {@code file}; none when it does not exist.
     *
     * @throws MedScribeException BAD_INPUT {@code quality.error.clinicRulesInvalid} when the file is not valid
     */
    public static ClinicRuleSettings load(Path file) {
        String name = String.valueOf(file.getFileName());
        if (!Files.exists(file)) {
            return new ClinicRuleSettings(Map.of(), name);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.clinicRulesInvalid", file.toString());
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "quality.error.clinicRulesUnreadable", file.toString());
        }
        JsonNode rules = root == null ? null : root.get("rules");
        if (rules == null || !rules.isObject()) {
            throw new MedScribeException(Category.BAD_INPUT, "quality.error.clinicRulesInvalid", file.toString());
        }
        Map<String, Boolean> switches = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : rules.properties()) {
            if (!entry.getValue().isBoolean()) {
                throw new MedScribeException(Category.BAD_INPUT, "quality.error.clinicRulesInvalid", file.toString());
            }
            switches.put(entry.getKey().strip(), entry.getValue().asBoolean());
        }
        return new ClinicRuleSettings(switches, file.toString());
    }

    /** These switches plus one ({@code rule} or {@code template:rule}). */
    public ClinicRuleSettings with(String ruleRef, boolean enabled) {
        Map<String, Boolean> copy = new LinkedHashMap<>(switches);
        copy.put(ruleRef, enabled);
        return new ClinicRuleSettings(copy, origin);
    }

    /** Every switch, {@code rule} or {@code template:rule} → on/off. */
    public Map<String, Boolean> switches() {
        return switches;
    }

    /** Where the switches came from, for error messages. */
    public String origin() {
        return origin;
    }

    /** Writes the switches to {@code file}, whole or not at all. */
    public void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode rules = root.putObject("rules");
        switches.forEach(rules::put);
        try {
            PrivateFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "quality.error.clinicRulesUnwritable", file.toString());
        }
    }
}
