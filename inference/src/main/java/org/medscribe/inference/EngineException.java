package org.medscribe.inference;

import org.medscribe.common.MedScribeException;

/** A failure of the inference engine, with a message key for the user. */
public class EngineException extends MedScribeException {

    private static final long serialVersionUID = 1L;

    public EngineException(Category category, String messageKey, Object... arguments) {
        super(category, messageKey, arguments);
    }

    public EngineException(Category category, Throwable cause, String messageKey, Object... arguments) {
        super(category, cause, messageKey, arguments);
    }
}
