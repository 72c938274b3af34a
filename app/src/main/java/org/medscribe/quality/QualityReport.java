package org.medscribe.quality;

import org.medscribe.record.RecordLanguage;
import java.util.List;
import java.util.Objects;
import org.medscribe.quality.model.ModelReview;

/**
 * The result of reviewing one record: every finding (rules first, then the model's), the score,
 * and what the model review did. Immutable.
 *
 * @param template    the record's template
 * @param language    the record's language
 * @param rulePack    the rule pack and version used ({@code outpatient-zh@1.0})
 * @param findings    rule findings, then model findings
 * @param score       the score computed from the findings
 * @param modelReview the model review's account ({@link ModelReview#notRun()} without a model)
 */
public record QualityReport(String template, RecordLanguage language, String rulePack, List<Finding> findings,
                            QualityScore score, ModelReview modelReview) {

    public QualityReport {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(rulePack, "rulePack");
        findings = List.copyOf(findings);
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(modelReview, "modelReview");
    }

    /** True when a critical finding stands: signing needs an override with a reason. */
    public boolean signingBlocked() {
        return findings.stream().anyMatch(Finding::blocksSigning);
    }

    public SigningDecision signing() {
        return SigningGate.evaluate(findings);
    }
}
