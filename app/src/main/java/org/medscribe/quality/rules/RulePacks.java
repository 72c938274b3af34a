package org.medscribe.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.MedScribeException;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.Severity;

/**
 * The rule packs MedScribe ships ({@code soap-en}, {@code outpatient-zh}), with a clinic's switches
 * applied. Immutable and thread-safe; build once in the composition root.
 */
public final class RulePacks {

    /** Templates with a built-in pack, each a resource {@code org/medscribe/quality/rules/<id>.json}. */
    public static final List<String> BUILT_IN = List.of("soap-en", "outpatient-zh");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, RulePack> packs;

    private RulePacks(Map<String, RulePack> packs) {
        this.packs = Map.copyOf(packs);
    }

    /** The packs as shipped, every rule with its default switch. */
    public static RulePacks builtIn() {
        Map<String, RulePack> packs = new LinkedHashMap<>();
        for (String template : BUILT_IN) {
            packs.put(template, load("rules/" + template + ".json"));
        }
        return new RulePacks(packs);
    }

    /** The built-in packs with the clinic's switches from {@code settings}. */
    public static RulePacks builtIn(ClinicRuleSettings settings) {
        return builtIn().with(settings);
    }

    /**
     * These packs with the clinic's switches applied.
     *
     * @throws MedScribeException BAD_INPUT {@code quality.error.clinicRuleUnknown} for a switch naming no rule
     */
    public RulePacks with(ClinicRuleSettings settings) {
        for (String ref : settings.switches().keySet()) {
            if (!knows(ref)) {
                throw new MedScribeException(Category.BAD_INPUT, "quality.error.clinicRuleUnknown",
                        settings.origin(), ref);
            }
        }
        Map<String, RulePack> switched = new LinkedHashMap<>();
        for (RulePack pack : packs.values()) {
            List<RuleSpec> rules = new ArrayList<>();
            for (RuleSpec rule : pack.rules()) {
                Boolean enabled = settings.switches().get(pack.template() + ":" + rule.id());
                if (enabled == null) {
                    enabled = settings.switches().get(rule.id());
                }
                rules.add(enabled == null ? rule : rule.withEnabled(enabled));
            }
            switched.put(pack.template(), pack.withRules(rules));
        }
        return new RulePacks(switched);
    }

    public Optional<RulePack> forTemplate(String template) {
        return Optional.ofNullable(packs.get(template));
    }

    public List<RulePack> all() {
        List<RulePack> out = new ArrayList<>();
        for (String template : BUILT_IN) {
            if (packs.containsKey(template)) {
                out.add(packs.get(template));
            }
        }
        return out;
    }

    private boolean knows(String ref) {
        int colon = ref.indexOf(':');
        if (colon >= 0) {
            RulePack pack = packs.get(ref.substring(0, colon));
            return pack != null && pack.rule(ref.substring(colon + 1)).isPresent();
        }
        return packs.values().stream().anyMatch(p -> p.rule(ref).isPresent());
    }

    /** Reads a pack resource; a broken built-in pack is a build defect, so it fails loudly. */
    static RulePack load(String resource) {
        try (InputStream in = RulePacks.class.getResourceAsStream("/org/medscribe/quality/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("rule pack resource missing: " + resource);
            }
            return parse(JSON.readTree(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("rule pack unreadable: " + resource, e);
        }
    }

    static RulePack parse(JsonNode root, String name) {
        RecordLanguage language = RecordLanguage.parse(root.path("language").asText());
        if (language == null) {
            throw new IllegalStateException(name + ": language must be en or zh");
        }
        List<SectionSpec> sections = new ArrayList<>();
        for (JsonNode section : root.path("sections")) {
            List<String> aliases = new ArrayList<>();
            section.path("aliases").forEach(a -> aliases.add(a.asText()));
            sections.add(new SectionSpec(section.path("id").asText(), aliases));
        }
        List<RuleSpec> rules = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            String id = rule.path("id").asText();
            String kind = rule.path("kind").asText();
            String section = rule.path("section").asText(RuleSpec.EVERY_SECTION);
            if (!CheckKinds.isKnown(kind)) {
                throw new IllegalStateException(name + ": rule " + id + " has unknown kind " + kind);
            }
            if (!RuleSpec.EVERY_SECTION.equals(section) && sections.stream().noneMatch(s -> s.id().equals(section))) {
                throw new IllegalStateException(name + ": rule " + id + " names unknown section " + section);
            }
            if (CheckKinds.MODEL_CHECK.equals(kind) && "critical".equals(rule.path("severity").asText())) {
                throw new IllegalStateException(name + ": model rule " + id + " cannot be critical");
            }
            if (rules.stream().anyMatch(r -> r.id().equals(id))) {
                throw new IllegalStateException(name + ": rule " + id + " twice");
            }
            rules.add(new RuleSpec(id, kind, Severity.fromCode(rule.path("severity").asText()), section,
                    rule.path("enabled").asBoolean(true), rule.path("message").asText(), rule.path("fix").asText(),
                    rule.get("params")));
        }
        return new RulePack(root.path("template").asText(), root.path("version").asText(), language,
                root.path("basis").asText(""), sections, rules);
    }
}
