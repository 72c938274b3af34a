package org.medscribe.quality;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.quality.model.ModelReview;
import org.medscribe.quality.model.ModelReviewer;
import org.medscribe.quality.rules.RuleEngine;
import org.medscribe.quality.rules.RulePack;
import org.medscribe.quality.rules.RulePacks;
import org.medscribe.quality.rules.RuleSpec;

/**
 * Quality control (病案质控) of a record before it is signed: the template's rule pack; with the
 * encounter's sources, the drafting evidence re-check of statements the doctor wrote and the drafting
 * fact checks for omitted allergies and medications; and optionally the model review. Run it on demand,
 * after each draft and before signing; feed its report to {@link SigningGate}.
 *
 * <p>Lifecycle: build once in the composition root with the clinic's rule packs; immutable and
 * thread-safe. {@link #check(RecordUnderReview)} takes milliseconds and may run on any thread
 * except that a UI should still not run it per keystroke on the FX thread;
 * {@link #check(RecordUnderReview, List, LanguageEngine, CancellationToken)} with an engine blocks for a
 * generation and belongs on a background thread. Neither changes the record.
 */
public final class QualityControl {

    private final RulePacks packs;
    private final RuleEngine rules;
    private final StatementEvidence evidence;
    private final ModelReviewer.Options modelOptions;
    private final SourceFacts sourceFacts = new SourceFacts();

    /**
     * Quality control with the drafting evidence matcher for re-checking statements against sources.
     *
     * @param packs the rule packs with the clinic's switches ({@link RulePacks#builtIn(org.medscribe.quality.rules.ClinicRuleSettings)})
     */
    public QualityControl(RulePacks packs) {
        this(packs, new DraftEvidence());
    }

    /**
     * @param packs    the rule packs with the clinic's switches
     * @param evidence how statements are re-checked against the sources; null to rely only on the
     *                 verdicts stored in the record
     */
    public QualityControl(RulePacks packs, StatementEvidence evidence) {
        this(packs, evidence, ModelReviewer.Options.defaults());
    }

    public QualityControl(RulePacks packs, StatementEvidence evidence, ModelReviewer.Options modelOptions) {
        this.packs = Objects.requireNonNull(packs, "packs");
        this.evidence = evidence;
        this.modelOptions = Objects.requireNonNull(modelOptions, "modelOptions");
        this.rules = new RuleEngine();
    }

    public RulePacks packs() {
        return packs;
    }

    /**
     * The rule pack for the record's template.
     *
     * @throws MedScribeException BAD_INPUT {@code quality.error.templateUnknown}
     */
    public RulePack packFor(RecordUnderReview record) {
        return packs.forTemplate(record.template()).orElseThrow(() -> new MedScribeException(Category.BAD_INPUT,
                "quality.error.templateUnknown", record.template(),
                String.join(", ", packs.all().stream().map(RulePack::template).toList())));
    }

    /** Rules only, with the evidence verdicts stored in the record. */
    public QualityReport check(RecordUnderReview record) {
        return check(record, List.of(), null, CancellationToken.none());
    }

    /**
     * Rules, the evidence re-check against {@code sources} (when an evidence matcher was given), and the
     * model review when {@code engine} is not null (it must have a model loaded).
     */
    public QualityReport check(RecordUnderReview record, List<SourceText> sources, LanguageEngine engine,
                               CancellationToken cancel) {
        RulePack pack = packFor(record);
        List<Finding> findings = new ArrayList<>(rules.check(record, pack));
        if (evidence != null && !sources.isEmpty()) {
            findings.addAll(recheckEvidence(record, pack, sources, findings));
        }
        findings.addAll(sourceFacts.check(record, pack, sources));
        ModelReview review = ModelReview.notRun();
        if (engine != null) {
            cancel.throwIfCancelled();
            review = new ModelReviewer(engine, modelOptions).review(record, pack, sources,
                    rules.vocabulary(record.language()), cancel);
            findings.addAll(review.findings());
        }
        return new QualityReport(record.template(), record.language(), pack.label(), findings,
                QualityScore.of(findings), review);
    }

    /**
     * Statements without a stored verdict (text the doctor wrote or changed) in sections that report
     * facts from the sources are checked against the sources; assessment and plan are the doctor's
     * own judgement and are not expected to be found in the sources. Sources in the other language
     * (a record translated by the draft) cannot judge the doctor's wording and are not used.
     */
    private List<Finding> recheckEvidence(RecordUnderReview record, RulePack pack, List<SourceText> sources,
                                          List<Finding> already) {
        RuleSpec rule = pack.rule("evidence.unsupported").filter(RuleSpec::enabled).orElse(null);
        if (rule == null) {
            return List.of();
        }
        Optional<StatementEvidence.Checker> checker = evidence.against(sources, record.language());
        if (checker.isEmpty()) {
            return List.of();
        }
        Set<String> factual = new HashSet<>();
        rule.params().path("recheck_sections").forEach(id -> pack.find(record, id.asText())
                .ifPresent(section -> factual.add(section.id())));
        List<Finding> out = new ArrayList<>();
        for (ReviewedSection section : record.sections()) {
            if (!factual.contains(section.id())) {
                continue;
            }
            for (ReviewedStatement statement : section.statements()) {
                if (statement.supported() != null) {
                    continue;
                }
                StatementEvidence.Verdict verdict = checker.get().check(statement.text());
                boolean reported = already.stream().anyMatch(f -> f.rule().equals(rule.id())
                        && f.section().equals(section.id()) && f.start() == statement.start());
                if (!verdict.supported() && !reported) {
                    out.add(new Finding(rule.id(), rule.severity(), FindingSource.RULE, section.id(), statement.start(),
                            statement.end(), rule.messageKey(), rule.fixKey(), List.of(), verdict.evidence(),
                            verdict.reason()));
                }
            }
        }
        return out;
    }

    /** The ids of every rule in every pack, for documentation and the clinic settings screen. */
    public Set<String> ruleIds() {
        return packs.all().stream().flatMap(p -> p.rules().stream()).map(RuleSpec::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
