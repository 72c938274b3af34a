package org.medscribe.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The one way screens run work off the FX thread: {@code tasks.run(io, callable).onSuccess(..)
 * .onError(Type, ..).onFinished(..)}. The work runs on the given executor (the named {@code io} or
 * {@code inference} executor); every handler runs on the UI executor.
 *
 * <p>Handlers may be added after {@code run} returns: the outcome is handed to the UI executor, and
 * a handler added once the outcome is known runs at once. A failure no {@code onError} matches goes
 * to {@link UnexpectedErrors} (cancellation is dropped quietly), so nothing disappears silently.
 */
public final class BackgroundTasks {

    /** Work that returns nothing. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final Executor ui;
    private final Executor io;
    private final Executor inference;
    private final UnexpectedErrors unexpected;

    /**
     * @param ui         runs handlers (the FX thread in the app; the calling thread in view-model tests)
     * @param io         files, database, PDF
     * @param inference  model calls
     * @param unexpected where unhandled failures go
     */
    public BackgroundTasks(Executor ui, Executor io, Executor inference, UnexpectedErrors unexpected) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.io = Objects.requireNonNull(io, "io");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.unexpected = Objects.requireNonNull(unexpected, "unexpected");
    }

    public Executor ui() {
        return ui;
    }

    /** Runs {@code work} on the io executor. */
    public <T> BackgroundTask<T> io(Callable<T> work) {
        return run(io, work);
    }

    public BackgroundTask<Void> io(Work work) {
        return run(io, asCallable(work));
    }

    /** Runs {@code work} on the inference executor. */
    public <T> BackgroundTask<T> inference(Callable<T> work) {
        return run(inference, work);
    }

    public BackgroundTask<Void> inference(Work work) {
        return run(inference, asCallable(work));
    }

    public <T> BackgroundTask<T> run(Executor on, Callable<T> work) {
        BackgroundTask<T> task = new BackgroundTask<>(ui, unexpected);
        on.execute(() -> {
            T value;
            try {
                value = work.call();
            } catch (Throwable failure) {
                task.complete(null, failure);
                return;
            }
            task.complete(value, null);
        });
        return task;
    }

    private static Callable<Void> asCallable(Work work) {
        return () -> {
            work.run();
            return null;
        };
    }
}
