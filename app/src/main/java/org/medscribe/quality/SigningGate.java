package org.medscribe.quality;

import java.util.List;

/**
 * The rule between quality control and signing: critical findings block signing unless the doctor
 * overrides them with a reason, which is stored with the signature. Model findings are never
 * critical, so a model alone can never block a signature. Stateless.
 */
public final class SigningGate {

    private SigningGate() {
    }

    /** Allowed when no finding is critical; otherwise blocked by the critical ones. */
    public static SigningDecision evaluate(List<Finding> findings) {
        List<Finding> blocking = findings.stream().filter(Finding::blocksSigning).toList();
        return blocking.isEmpty() ? new SigningDecision.Allowed() : new SigningDecision.Blocked(blocking);
    }

    public static SigningDecision evaluate(QualityReport report) {
        return evaluate(report.findings());
    }
}
