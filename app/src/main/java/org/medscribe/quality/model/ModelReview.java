package org.medscribe.quality.model;

import java.util.List;
import java.util.Map;
import org.medscribe.inference.GenerationMetrics;
import org.medscribe.quality.Finding;

/**
 * What the model review produced: the findings that survived verification, and an account of what
 * was proposed and why the rest was discarded.
 *
 * @param status    how the review ended
 * @param reasonKey message key explaining a status other than DONE/NOT_RUN, else null
 * @param findings  verified model findings (source MODEL, never critical)
 * @param proposed  how many findings the model proposed
 * @param discarded discarded proposals by reason ({@code unknown_section}, {@code no_evidence},
 *                  {@code quote_not_in_record}, {@code evidence_does_not_show}, {@code already_in_record},
 *                  {@code duplicate}, {@code switched_off})
 * @param model     the model's name, or ""
 * @param seed      the sampling seed used
 * @param metrics   generation timings, or null when nothing was generated
 */
public record ModelReview(Status status, String reasonKey, List<Finding> findings, int proposed,
                          Map<String, Integer> discarded, String model, int seed, GenerationMetrics metrics) {

    /** How a model review ended. */
    public enum Status {
        /** No model was given. */
        NOT_RUN,
        /** The model answered and its answer was verified. */
        DONE,
        /** The answer hit the token limit and was not complete JSON; nothing was kept. */
        INCOMPLETE,
        /** Record and sources do not fit the model's context. */
        TOO_LONG,
        CANCELLED,
        /** The engine failed (crash, no model); the rule findings still stand. */
        FAILED
    }

    public ModelReview {
        findings = List.copyOf(findings);
        discarded = Map.copyOf(discarded);
        model = model == null ? "" : model;
    }

    public static ModelReview notRun() {
        return new ModelReview(Status.NOT_RUN, null, List.of(), 0, Map.of(), "", 0, null);
    }

    public int discardedCount() {
        return discarded.values().stream().mapToInt(Integer::intValue).sum();
    }
}
