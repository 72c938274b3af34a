package org.medscribe.storage;

import java.time.Clock;
import java.time.Duration;

/**
 * Tunables of an {@link EncounterStore}. {@link #defaults()} is what the app uses: autosave within
 * one second of the first unsaved keystroke, retry every two seconds after a failure, a daily
 * backup keeping the last 14.
 *
 * @param maxPageCount caps the database size in pages; for tests that need a full disk where no small
 *                     file system can be mounted ({@code null} in the app)
 */
public record StoreOptions(Clock clock, Duration autosaveDelay, Duration autosaveRetry, boolean dailyBackups,
                           Duration backupInterval, int keepDailyBackups, Integer maxPageCount) {

    public static StoreOptions defaults() {
        return new StoreOptions(Clock.systemDefaultZone(), Duration.ofSeconds(1), Duration.ofSeconds(2), true,
                Duration.ofHours(24), 14, null);
    }

    public StoreOptions withClock(Clock value) {
        return new StoreOptions(value, autosaveDelay, autosaveRetry, dailyBackups, backupInterval, keepDailyBackups,
                maxPageCount);
    }

    public StoreOptions withAutosaveDelay(Duration delay, Duration retry) {
        return new StoreOptions(clock, delay, retry, dailyBackups, backupInterval, keepDailyBackups, maxPageCount);
    }

    public StoreOptions withDailyBackups(boolean enabled, int keep) {
        return new StoreOptions(clock, autosaveDelay, autosaveRetry, enabled, backupInterval, keep, maxPageCount);
    }

    public StoreOptions withMaxPageCount(Integer pages) {
        return new StoreOptions(clock, autosaveDelay, autosaveRetry, dailyBackups, backupInterval, keepDailyBackups,
                pages);
    }
}
