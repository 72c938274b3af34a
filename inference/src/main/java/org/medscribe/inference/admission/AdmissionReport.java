package org.medscribe.inference.admission;

import java.util.Objects;
import org.medscribe.inference.gguf.GgufModelInfo;

/**
 * The verdict on one model file for one context size.
 *
 * @param info                 what the header says
 * @param supported            the bundled engine runs this architecture and it generates text
 * @param estimate             memory needed at the requested context
 * @param availableBytes       memory free when checked
 * @param fits                 {@code estimate.totalBytes() <= availableBytes}
 * @param suggestedContextSize the largest power of two, at least 512 and at most the requested context,
 *                             whose estimate fits; 0 if none does
 */
public record AdmissionReport(GgufModelInfo info, boolean supported, MemoryEstimate estimate, long availableBytes,
        boolean fits, int suggestedContextSize) {

    public AdmissionReport {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(estimate, "estimate");
    }

    /** True when the model can be loaded as requested. */
    public boolean admissible() {
        return supported && fits && info.splitCount() <= 1;
    }
}
