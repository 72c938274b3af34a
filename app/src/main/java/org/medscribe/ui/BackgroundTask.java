package org.medscribe.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.medscribe.common.CancelledException;

/**
 * A piece of background work as its screen sees it; built by {@link BackgroundTasks}. Handlers are
 * registered from the UI thread and run on it, in the order: the success or the matching error
 * handler, then the finished handlers.
 */
public final class BackgroundTask<T> {

    private record ErrorHandler<E extends Throwable>(Class<E> type, Consumer<? super E> handler) {
        boolean handle(Throwable failure) {
            if (!type.isInstance(failure)) {
                return false;
            }
            handler.accept(type.cast(failure));
            return true;
        }
    }

    private final Executor ui;
    private final UnexpectedErrors unexpected;
    private final List<Consumer<? super T>> successHandlers = new ArrayList<>();
    private final List<ErrorHandler<?>> errorHandlers = new ArrayList<>();
    private final List<Runnable> finishedHandlers = new ArrayList<>();
    // Touched on the UI executor only.
    private boolean done;
    private T value;
    private Throwable failure;

    BackgroundTask(Executor ui, UnexpectedErrors unexpected) {
        this.ui = ui;
        this.unexpected = unexpected;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        if (done) {
            if (failure == null) {
                handler.accept(value);
            }
        } else {
            successHandlers.add(handler);
        }
        return this;
    }

    /** Handles failures of {@code type} (the first matching registration wins). */
    public <E extends Throwable> BackgroundTask<T> onError(Class<E> type, Consumer<? super E> handler) {
        ErrorHandler<E> registration = new ErrorHandler<>(type, handler);
        if (done) {
            if (failure != null && !handledBefore()) {
                registration.handle(failure);
            }
        } else {
            errorHandlers.add(registration);
        }
        return this;
    }

    public BackgroundTask<T> onFinished(Runnable handler) {
        if (done) {
            handler.run();
        } else {
            finishedHandlers.add(handler);
        }
        return this;
    }

    private boolean handled;

    private boolean handledBefore() {
        return handled;
    }

    void complete(T result, Throwable error) {
        ui.execute(() -> {
            done = true;
            value = result;
            failure = error;
            try {
                if (error == null) {
                    successHandlers.forEach(handler -> handler.accept(result));
                } else {
                    for (ErrorHandler<?> registration : errorHandlers) {
                        if (registration.handle(error)) {
                            handled = true;
                            break;
                        }
                    }
                    if (!handled && !(error instanceof CancelledException)) {
                        unexpected.report(error);
                    }
                    handled = true;
                }
            } finally {
                finishedHandlers.forEach(Runnable::run);
                successHandlers.clear();
                errorHandlers.clear();
                finishedHandlers.clear();
            }
        });
    }
}
