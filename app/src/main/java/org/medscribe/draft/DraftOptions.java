package org.medscribe.draft;

/**
 * Sampling settings of a draft.
 *
 * @param temperature sampling temperature (low: drafts should be sober and repeatable)
 * @param seed        sampling seed, or null for a fresh random one (always recorded in the provenance)
 */
public record DraftOptions(double temperature, Integer seed) {

    public static final double DEFAULT_TEMPERATURE = 0.1;

    public DraftOptions {
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0");
        }
        if (seed != null && seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0");
        }
    }

    public static DraftOptions defaults() {
        return new DraftOptions(DEFAULT_TEMPERATURE, null);
    }

    public DraftOptions withSeed(int value) {
        return new DraftOptions(temperature, value);
    }
}
