package org.medscribe.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.record.DraftSection;
import org.medscribe.evidence.FactChecker;
import org.medscribe.record.Flag;
import org.medscribe.record.FlagKind;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.SectionStatus;
import org.medscribe.evidence.SegmentedSources;
import org.medscribe.evidence.Segmenter;
import org.medscribe.record.Statement;
import org.medscribe.record.TemplateLibrary;
import org.medscribe.record.TemplateSection;
import org.medscribe.quality.rules.RulePack;
import org.medscribe.quality.rules.RuleSpec;

/**
 * The fact checks drafting runs ({@link FactChecker}), here on the record as it now stands against its
 * sources, for what must not get lost between the visit and the signature: an allergy or a current
 * medication in the sources that the record leaves out, a record that says "no allergies" while the
 * sources name one, and a side (left/right) the sources contradict. The checks that compare every
 * value with the sources are left to drafting: they would flag the doctor's own plan. Deterministic;
 * stateless.
 */
final class SourceFacts {

    /** The fact-check kinds quality control reports, each a rule {@code facts.<kind>} of the packs. */
    static final Map<FlagKind, String> REPORTED = Map.of(
            FlagKind.ALLERGY_CONFLICT, "facts.allergy_conflict",
            FlagKind.ALLERGY_OMITTED, "facts.allergy_omitted",
            FlagKind.MEDICATION_OMITTED, "facts.medication_omitted",
            FlagKind.LATERALITY_CONFLICT, "facts.laterality_conflict");

    private final TemplateLibrary templates = TemplateLibrary.builtIn();
    private final FactChecker checker = new FactChecker();

    List<Finding> check(RecordUnderReview record, RulePack pack, List<SourceText> sources) {
        if (sources.isEmpty() || REPORTED.values().stream().noneMatch(id -> enabled(pack, id))) {
            return List.of();
        }
        RecordTemplate template;
        try {
            template = templates.get(record.template());
        } catch (RuntimeException unknown) {
            return List.of();
        }
        SegmentedSources segmented = new Segmenter().segment(DraftEvidence.draftSources(sources));
        List<DraftSection> sections = new ArrayList<>();
        List<Optional<ReviewedSection>> located = new ArrayList<>();
        for (TemplateSection spec : template.sections()) {
            Optional<ReviewedSection> section = pack.find(record, spec.id());
            located.add(section);
            List<Statement> statements = new ArrayList<>();
            section.ifPresent(s -> s.statements().forEach(st -> statements.add(new Statement(st.text(),
                    spec.facts().get(0), null, List.of(), !Boolean.FALSE.equals(st.supported()), null, List.of()))));
            sections.add(new DraftSection(spec.id(), spec.title(), spec.kind(), spec.required(),
                    statements.isEmpty() ? SectionStatus.NOT_DOCUMENTED : SectionStatus.DRAFTED, statements));
        }
        List<Finding> out = new ArrayList<>();
        for (Flag flag : checker.check(template, sections, segmented, true)) {
            String ruleId = REPORTED.get(flag.kind());
            Optional<RuleSpec> rule = ruleId == null ? Optional.empty() : pack.rule(ruleId).filter(RuleSpec::enabled);
            if (rule.isEmpty()) {
                continue;
            }
            int index = -1;
            for (int i = 0; i < template.sections().size(); i++) {
                if (template.sections().get(i).id().equals(flag.section())) {
                    index = i;
                }
            }
            Optional<ReviewedSection> section = index < 0 ? Optional.empty() : located.get(index);
            String sectionId = section.map(ReviewedSection::id).orElse(flag.section() == null ? "" : flag.section());
            int start = 0;
            int end = 0;
            if (section.isPresent() && flag.statement() != null && flag.statement() < section.get().statements().size()) {
                ReviewedStatement statement = section.get().statements().get(flag.statement());
                start = statement.start();
                end = statement.end();
            }
            // The values (a drug, an allergen) are patient data: shown in the detail, never message arguments.
            out.add(new Finding(rule.get().id(), rule.get().severity(), FindingSource.RULE, sectionId, start, end,
                    rule.get().messageKey(), rule.get().fixKey(), List.of(), List.of(), String.join(", ", flag.values())));
        }
        return out;
    }

    private static boolean enabled(RulePack pack, String id) {
        return pack.rule(id).map(RuleSpec::enabled).orElse(false);
    }
}
