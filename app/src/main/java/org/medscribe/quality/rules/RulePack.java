package org.medscribe.quality.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medscribe.record.RecordLanguage;
import org.medscribe.quality.RecordUnderReview;
import org.medscribe.quality.ReviewedSection;

/**
 * The rules for one record template: its sections (with the names records use for them) and its
 * rules, loaded from a JSON resource ({@code org/medscribe/quality/rules/<template>.json}).
 * Immutable.
 *
 * @param template the template id it checks
 * @param version  the pack's version, reported with every review
 * @param language the template's record language
 * @param basis    the norm the pack follows (shown in docs and reports)
 * @param sections the template's sections
 * @param rules    every rule, enabled or not
 */
public record RulePack(String template, String version, RecordLanguage language, String basis,
                       List<SectionSpec> sections, List<RuleSpec> rules) {

    public RulePack {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(language, "language");
        basis = basis == null ? "" : basis;
        sections = List.copyOf(sections);
        rules = List.copyOf(rules);
    }

    /** The pack's section spec by its id. */
    public Optional<SectionSpec> sectionSpec(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The record's section that is the pack's section {@code id} (matched by id, then by title). */
    public Optional<ReviewedSection> find(RecordUnderReview record, String id) {
        Optional<SectionSpec> spec = sectionSpec(id);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        for (ReviewedSection section : record.sections()) {
            if (spec.get().names(section.id())) {
                return Optional.of(section);
            }
        }
        for (ReviewedSection section : record.sections()) {
            if (spec.get().names(section.title())) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    public Optional<RuleSpec> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The pack's id and version, e.g. {@code outpatient-zh@1.0}. */
    public String label() {
        return template + "@" + version;
    }

    RulePack withRules(List<RuleSpec> newRules) {
        return new RulePack(template, version, language, basis, sections, newRules);
    }
}
