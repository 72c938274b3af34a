package org.medscribe.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cooperative cancellation for long work (model load, generation, import). The UI cancels, the
 * worker checks {@link #isCancelled()} or registers a callback. Thread-safe.
 */
public final class CancellationToken {

    private volatile boolean cancelled;
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /** A token that is never cancelled, for callers that do not offer cancel. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable callback : callbacks) {
            callback.run();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code callback} on cancel, or at once if already cancelled. Returns a handle to remove it. */
    public Runnable onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled) {
            callback.run();
        }
        return () -> callbacks.remove(callback);
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
