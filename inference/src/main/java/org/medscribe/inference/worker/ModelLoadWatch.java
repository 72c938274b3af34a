package org.medscribe.inference.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.EngineException;

/**
 * Watches one model load in a worker: stops it at its {@link LoadDeadline} and reports progress
 * at once and then every {@value #REPORT_MILLIS} ms. The fraction is the worker's resident memory grown since the
 * load began over the model's size (llama.cpp maps the file and reads it in), where the system tells
 * it (Linux {@code /proc}); elsewhere the progress is indeterminate. Not thread-safe: one caller.
 */
final class ModelLoadWatch {

    static final String TIMEOUT_KEY = "engine.error.loadTimeout";
    private static final long REPORT_MILLIS = 2_000;

    private final long pid;
    private final long modelBytes;
    private final Duration limit;
    private final ProgressListener progress;
    private final long start = System.nanoTime();
    private final OptionalLong baseline;
    private long lastReport = start - REPORT_MILLIS * 1_000_000; // the first tick reports

    ModelLoadWatch(long pid, long modelBytes, Duration limit, ProgressListener progress) {
        this.pid = pid;
        this.modelBytes = modelBytes;
        this.limit = limit;
        this.progress = progress;
        this.baseline = residentBytes(pid);
    }

    /**
     * Called while waiting for the load.
     *
     * @throws EngineException {@code engine.error.loadTimeout} once the deadline has passed
     */
    void tick() {
        long now = System.nanoTime();
        if (now - start > limit.toNanos()) {
            throw new EngineException(Category.FAILED, TIMEOUT_KEY, limit.toSeconds());
        }
        if (now - lastReport >= REPORT_MILLIS * 1_000_000) {
            lastReport = now;
            progress.progress("engine.phase.loading", fraction());
        }
    }

    private double fraction() {
        OptionalLong resident = residentBytes(pid);
        if (resident.isEmpty() || baseline.isEmpty() || modelBytes <= 0) {
            return ProgressListener.INDETERMINATE;
        }
        double read = (resident.getAsLong() - baseline.getAsLong()) / (double) modelBytes;
        return Math.max(0, Math.min(0.99, read));
    }

    /** The process's resident set in bytes, from {@code /proc/<pid>/status}; empty where there is none. */
    static OptionalLong residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux, or the process ended
        }
        return OptionalLong.empty();
    }
}
