package org.medscribe.capture;

import java.util.List;
import java.util.Objects;

/**
 * Something the doctor should know about an import that did not stop it.
 *
 * @param code stable identifier: {@code hidden_text}, {@code ocr_text_layer}, {@code ocr_used},
 *        {@code ocr_unavailable}, {@code ocr_failed}, {@code ocr_empty}, {@code ocr_language_missing},
 *        {@code image_straightened}, {@code pages_truncated},
 *        {@code text_truncated}, {@code page_unreadable}, {@code form_fields}, {@code xfa_form}
 * @param page the page it concerns, or null for the whole document
 * @param messageKey message bundle key of the sentence to show
 * @param arguments the message's arguments (never patient text)
 */
public record ImportWarning(String code, Integer page, String messageKey, List<String> arguments) {
    public ImportWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageKey, "messageKey");
        arguments = List.copyOf(arguments);
    }
}
