package org.medscribe.quality.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.record.RecordLanguage;
import org.medscribe.quality.RecordUnderReview;
import org.medscribe.quality.ReviewedSection;

/** What one check sees: the record, its pack, the rule being run and the record language's lexicon. */
record RuleContext(RecordUnderReview record, RulePack pack, RuleSpec rule, Lexicon lexicon,
                   Map<String, List<MedicationOrders.Mention>> mentionCache) {

    /** The drug mentions of {@code text}; computed once per review, since four rules ask. */
    List<MedicationOrders.Mention> mentions(String text) {
        return mentionCache.computeIfAbsent(text, t -> MedicationOrders.find(t, lexicon));
    }

    boolean chinese() {
        return record.language() == RecordLanguage.ZH;
    }

    /** The record's section that is the pack's section {@code packId}. */
    Optional<ReviewedSection> section(String packId) {
        return pack.find(record, packId);
    }

    /** The rule's own section. */
    Optional<ReviewedSection> section() {
        return section(rule.section());
    }

    /** The record's sections the rule looks at: its own section, or every section for {@code *}. */
    List<ReviewedSection> targets() {
        if (rule.appliesToEverySection()) {
            return record.sections();
        }
        return section().map(List::of).orElse(List.of());
    }

    /** The id a finding names: the record's id for the section, or the pack's when the record has none. */
    String sectionId(String packId) {
        return section(packId).map(ReviewedSection::id).orElse(packId);
    }

    /** True when the section says something: present, not marked not documented, not a placeholder like "未记录". */
    boolean documented(Optional<ReviewedSection> section) {
        return section.isPresent() && section.get().hasContent() && !lexicon.notDocumented.in(section.get().text());
    }
}
