package org.medscribe.inference.worker;

import java.time.Duration;

/**
 * How long a worker may take to load a model: {@code base} plus the file's size read at
 * {@code bytesPerSecond}. A load that overruns it is stopped ({@code engine.error.loadTimeout}).
 *
 * @param base           time for starting llama.cpp and building the context, whatever the size
 * @param bytesPerSecond the slowest disk a model is expected to be read from
 */
public record LoadDeadline(Duration base, long bytesPerSecond) {

    public LoadDeadline {
        if (base.isNegative() || bytesPerSecond < 1) {
            throw new IllegalArgumentException("base must not be negative, bytesPerSecond must be positive");
        }
    }

    /** Two minutes plus the file read at 32 MiB/s: about 4.5 minutes for a 4.7 GB 7B model. */
    public static LoadDeadline standard() {
        return new LoadDeadline(Duration.ofMinutes(2), 32L * 1024 * 1024);
    }

    /** The deadline for a model file of {@code bytes}. */
    public Duration forModel(long bytes) {
        return base.plusSeconds(Math.max(0, bytes) / bytesPerSecond);
    }
}
