package org.medscribe.quality;

import java.time.Clock;
import java.util.List;

/** Whether a record may be signed as it stands; see {@link SigningGate}. */
public sealed interface SigningDecision {

    boolean allowed();

    /** No critical finding: sign. */
    record Allowed() implements SigningDecision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /**
     * Critical findings stand in the way. The doctor fixes them, or signs anyway with a reason:
     * {@link #override(String, String)} returns what the store keeps with the signature.
     *
     * @param blocking the critical findings
     */
    record Blocked(List<Finding> blocking) implements SigningDecision {

        public Blocked {
            blocking = List.copyOf(blocking);
            if (blocking.isEmpty()) {
                throw new IllegalArgumentException("a blocked decision needs its findings");
            }
        }

        @Override
        public boolean allowed() {
            return false;
        }

        /**
         * The doctor signs despite the critical findings, for {@code reason}.
         *
         * @throws org.medscribe.common.MedScribeException BAD_INPUT {@code quality.error.overrideReasonMissing}
         *         or {@code quality.error.overrideClinicianMissing}
         */
        public SigningOverride override(String reason, String clinician) {
            return override(reason, clinician, Clock.systemUTC());
        }

        public SigningOverride override(String reason, String clinician, Clock clock) {
            return SigningOverride.of(this, reason, clinician, clock.instant());
        }
    }
}
