package org.medscribe.diagnosis;

import java.util.List;

/**
 * A must-not-miss condition.
 *
 * @param condition the condition
 * @param reason    why it must be considered
 * @param basis     findings from the sources behind it (may be empty: a red flag can come from what is not yet known)
 */
public record RedFlag(String condition, String reason, List<ClinicalFinding> basis) {

    public RedFlag {
        basis = List.copyOf(basis);
    }
}
