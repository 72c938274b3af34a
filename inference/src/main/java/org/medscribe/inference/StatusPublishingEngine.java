package org.medscribe.inference;

import java.util.function.Consumer;

/**
 * A {@link LanguageEngine} whose status lives in one {@link EngineStatusPublisher}: the in-process
 * and the supervised engine report their status the same way.
 */
public abstract class StatusPublishingEngine implements LanguageEngine {

    /** The engine's status; subclasses publish every change here. */
    protected final EngineStatusPublisher status = new EngineStatusPublisher();

    @Override
    public final EngineStatus status() {
        return status.current();
    }

    @Override
    public final Runnable addStatusListener(Consumer<EngineStatus> listener) {
        return status.addListener(listener);
    }
}
