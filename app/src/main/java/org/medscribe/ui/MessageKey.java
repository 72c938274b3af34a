package org.medscribe.ui;

import java.util.Arrays;
import java.util.Objects;
import org.medscribe.common.MedScribeException;
import org.medscribe.i18n.Messages;

/**
 * A message a view-model wants shown: a bundle key and its arguments. View-models hold these, views
 * localise them with the current {@link Messages}, so switching the UI language re-reads every text.
 */
public record MessageKey(String key, Object... arguments) {

    public MessageKey {
        Objects.requireNonNull(key, "key");
        arguments = arguments == null ? new Object[0] : arguments.clone();
    }

    public static MessageKey of(MedScribeException failure) {
        return new MessageKey(failure.messageKey(), failure.arguments());
    }

    @Override
    public Object[] arguments() {
        return arguments.clone();
    }

    /** The message in {@code messages}' language; an argument that is itself a message key is localised too. */
    public String in(Messages messages) {
        Object[] shown = arguments.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof MessageKey nested) {
                shown[i] = nested.in(messages);
            }
        }
        return messages.get(key, shown);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageKey that && key.equals(that.key) && Arrays.equals(arguments, that.arguments);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(arguments);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(arguments);
    }
}
