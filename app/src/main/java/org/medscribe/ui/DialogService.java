package org.medscribe.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What view-models ask of the desktop: file choosers, confirmations, the error dialog, the
 * clipboard, opening a folder. Texts are message keys; the implementation localises them.
 * Call on the UI thread; the choosers block it only as a modal dialog does.
 */
public interface DialogService {

    /** A GGUF model file, or empty if the user cancelled. */
    Optional<Path> chooseModelFile(Path initialDirectory);

    /** A directory, or empty if the user cancelled. */
    Optional<Path> chooseDirectory(String titleKey, Path initialDirectory);

    /** Documents to import (PDF, images), or an empty list. */
    List<Path> chooseDocuments();

    /** Asks for a few lines of text (labels are message keys); empty if cancelled. */
    default Optional<List<String>> askText(String titleKey, List<String> fieldKeys) {
        return askText(titleKey, null, List.of(), fieldKeys);
    }

    /**
     * Asks for a few lines of text under an explanation: the message {@code bodyKey} (or none), then
     * {@code bodyLines} (already in the UI language, e.g. the findings a reason is asked for); empty
     * if cancelled.
     */
    Optional<List<String>> askText(String titleKey, String bodyKey, List<String> bodyLines, List<String> fieldKeys);

    /**
     * Asks for a small form (text, choices, dates) and answers one string per field, in order: the
     * text typed, the value chosen or the ISO date ("" for none). Empty if cancelled. By default the
     * fields are asked as text.
     */
    default Optional<List<String>> askForm(String titleKey, List<FormField> fields) {
        return askText(titleKey, fields.stream().map(FormField::labelKey).toList());
    }

    /**
     * Asks for the password of {@code fileName}; {@code wrongBefore} shows "wrong password" in the
     * dialog. The password is handed back once and never kept. Empty if cancelled.
     */
    default Optional<char[]> askPassword(String fileName, boolean wrongBefore) {
        return Optional.empty();
    }

    /** A file to write, suggested as {@code suggestedName} (its extension filters the chooser); empty if cancelled. */
    default Optional<Path> chooseSaveFile(String titleKey, String suggestedName) {
        return Optional.empty();
    }

    /** A PNG or JPEG image (the clinic's logo); empty if cancelled. */
    default Optional<Path> chooseImage() {
        return Optional.empty();
    }

    /** Yes/no; true for yes. */
    boolean confirm(String titleKey, String messageKey, Object... arguments);

    /** The one dialog for unexpected failures: a stable code, where the detail is, no stack trace. */
    void showUnexpectedError(String errorCode);

    /**
     * A warning that stays until the doctor closes it (a damaged database, a risky folder): each line
     * a message. By default a notification.
     */
    default void warn(String titleKey, List<MessageKey> lines) {
        lines.forEach(line -> notify(line.key(), line.arguments()));
    }

    /** A short message that fades by itself (saved, copied). */
    void notify(String messageKey, Object... arguments);

    void copyToClipboard(String text);

    /** Opens {@code folder} in the system's file manager (creating it first if needed). */
    void openFolder(Path folder);
}
