package org.medscribe.inference.worker;

import java.time.Duration;

/**
 * When to restart a crashed engine worker: exponential back-off from {@code initialDelay}, capped
 * at {@code maxDelay}; after {@code maxConsecutiveCrashes} crashes without a successful request in
 * between, the supervisor stops trying and reports the engine as failed.
 */
public record RestartPolicy(Duration initialDelay, Duration maxDelay, int maxConsecutiveCrashes) {

    public static RestartPolicy standard() {
        return new RestartPolicy(Duration.ofMillis(250), Duration.ofSeconds(30), 6);
    }

    /** Delay before the restart following the {@code crashes}-th consecutive crash (1-based). */
    public Duration delayAfter(int crashes) {
        long millis = initialDelay.toMillis();
        for (int i = 1; i < crashes && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
