package org.medscribe.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one exception type MedScribe services throw. It carries a message key (looked up in the
 * {@code messages} bundles when shown) and arguments, never a sentence in one language, so the
 * same failure reads correctly in the English and the Chinese UI and on the command line.
 *
 * <p>Arguments must never contain patient text: they end up in logs. Use counts, sizes, file
 * names chosen by the user, token numbers.
 */
public class MedScribeException extends RuntimeException {

    /** How a caller (and the command line's exit code) should treat the failure. */
    public enum Category {
        /** The input was unusable: wrong file, corrupt model, empty note. CLI exit code 2. */
        BAD_INPUT,
        /** Something failed while working: engine crash, disk full, I/O. CLI exit code 1. */
        FAILED,
        /** The user cancelled. */
        CANCELLED
    }

    private static final long serialVersionUID = 1L;

    private final String messageKey;
    private final transient Object[] arguments;
    private final Category category;

    public MedScribeException(Category category, String messageKey, Object... arguments) {
        this(category, null, messageKey, arguments);
    }

    public MedScribeException(Category category, Throwable cause, String messageKey, Object... arguments) {
        super(messageKey + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)), cause);
        this.category = Objects.requireNonNull(category, "category");
        this.messageKey = Objects.requireNonNull(messageKey, "messageKey");
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public Category category() {
        return category;
    }

    public boolean isBadInput() {
        return category == Category.BAD_INPUT;
    }
}
