package org.medscribe.inference.gguf;

import org.medscribe.common.MedScribeException;
import org.medscribe.common.PrintableText;

/**
 * A model file that is not a GGUF file MedScribe can safely hand to llama.cpp: wrong magic, an
 * unsupported version, a count or length that runs past the end of the file, an empty or duplicate
 * key, a tensor outside the file, and so on. Always {@link Category#BAD_INPUT}.
 *
 * <p>The message key is one of {@code model.error.gguf.*}; the arguments are numbers (byte offsets,
 * counts, type ids) and names read from the file's header, never patient text.
 */
public class GgufFormatException extends MedScribeException {

    private static final long serialVersionUID = 1L;

    public GgufFormatException(String messageKey, Object... arguments) {
        // Key names and values come from the file: a crafted one must not echo raw bytes or escapes.
        super(Category.BAD_INPUT, messageKey, PrintableText.arguments(arguments));
    }
}
