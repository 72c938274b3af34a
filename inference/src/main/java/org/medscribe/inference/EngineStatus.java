package org.medscribe.inference;

/**
 * A snapshot of the engine for display.
 *
 * @param state        current state
 * @param model        the loaded (or loading) model, or null
 * @param messageKey   why, for STOPPED and FAILED (message key), else null
 * @param messageArgs  arguments of {@code messageKey}
 * @param restarts     how many times the worker was restarted after a crash in this session
 */
public record EngineStatus(EngineState state, LoadedModel model, String messageKey, Object[] messageArgs, int restarts) {

    public EngineStatus {
        messageArgs = messageArgs == null ? new Object[0] : messageArgs.clone();
    }

    public static EngineStatus noModel() {
        return new EngineStatus(EngineState.NO_MODEL, null, null, null, 0);
    }

    @Override
    public Object[] messageArgs() {
        return messageArgs.clone();
    }
}
