package org.medscribe.inference;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds an engine's current status and tells listeners when it changes. Thread-safe. */
public final class EngineStatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(EngineStatusPublisher.class);

    private final List<Consumer<EngineStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile EngineStatus current = EngineStatus.noModel();

    public EngineStatus current() {
        return current;
    }

    public Runnable addListener(Consumer<EngineStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(EngineStatus status) {
        current = status;
        for (Consumer<EngineStatus> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                LOG.error("engine status listener failed", e);
            }
        }
    }

    /** Publishes {@code state} keeping the model and restart count of the current status. */
    public void publish(EngineState state) {
        EngineStatus now = current;
        publish(new EngineStatus(state, now.model(), null, null, now.restarts()));
    }
}
