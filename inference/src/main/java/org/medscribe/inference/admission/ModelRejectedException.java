package org.medscribe.inference.admission;

import org.medscribe.common.MedScribeException;
import org.medscribe.common.PrintableText;

/**
 * A readable model that MedScribe will not load: its architecture is not one the bundled engine
 * runs, it will not fit in the free memory, or the CPU cannot run the engine at all. Always
 * {@link Category#BAD_INPUT}: the user can act on it (choose another model, a smaller context,
 * close programs). Message keys {@code model.rejected.*}; arguments are names and numbers.
 */
public class ModelRejectedException extends MedScribeException {

    private static final long serialVersionUID = 1L;

    /** Why the model was refused. */
    public enum Reason {
        ARCHITECTURE,
        /** One part of a model split over several files. */
        SPLIT_FILE,
        MEMORY,
        CPU
    }

    private final Reason reason;

    public ModelRejectedException(Reason reason, String messageKey, Object... arguments) {
        // Names come from the file (its architecture): shown only in printable form.
        super(Category.BAD_INPUT, messageKey, PrintableText.arguments(arguments));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
