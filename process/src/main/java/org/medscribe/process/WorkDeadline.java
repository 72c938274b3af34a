package org.medscribe.process;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A child's own deadlines for its work: it must make progress within {@code stallLimit} and finish
 * within {@code timeLimit}. The parent enforces the same limits by killing the child, but a child
 * must not depend on that (a parent can be stopped in a debugger, or be gone): when a limit passes,
 * the child is told on a daemon thread which limit it was, and is expected to end.
 *
 * <p>Thread-safe: {@link #progress()} may be called from any thread.
 */
public final class WorkDeadline {

    private final long stallNanos;
    private final long totalNanos;
    private final long start = System.nanoTime();
    private final Object monitor = new Object();
    private long lastProgress = start;
    private boolean finished;

    private WorkDeadline(Duration stallLimit, Duration timeLimit) {
        this.stallNanos = stallLimit.toNanos();
        this.totalNanos = timeLimit.toNanos();
    }

    /**
     * Starts watching. {@code expired} is called once, with the limit that passed, unless
     * {@link #finish()} comes first.
     */
    public static WorkDeadline start(Duration stallLimit, Duration timeLimit, Consumer<Duration> expired) {
        Objects.requireNonNull(expired, "expired");
        WorkDeadline deadline = new WorkDeadline(stallLimit, timeLimit);
        Thread watch = new Thread(() -> deadline.watch(stallLimit, timeLimit, expired), "work-deadline");
        watch.setDaemon(true);
        watch.start();
        return deadline;
    }

    /** The work moved on (a page read, an OCR run done): the stall clock starts again. */
    public void progress() {
        synchronized (monitor) {
            lastProgress = System.nanoTime();
        }
    }

    /** The work is done; no limit applies any more. */
    public void finish() {
        synchronized (monitor) {
            finished = true;
            monitor.notifyAll();
        }
    }

    private void watch(Duration stallLimit, Duration timeLimit, Consumer<Duration> expired) {
        Duration passed;
        synchronized (monitor) {
            while (true) {
                if (finished) {
                    return;
                }
                long now = System.nanoTime();
                long stallLeft = stallNanos - (now - lastProgress);
                long totalLeft = totalNanos - (now - start);
                if (stallLeft <= 0 || totalLeft <= 0) {
                    passed = totalLeft <= 0 ? timeLimit : stallLimit;
                    break;
                }
                long wait = Math.min(stallLeft, totalLeft);
                try {
                    monitor.wait(Math.max(1, wait / 1_000_000), 0);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        expired.accept(passed);
    }
}
