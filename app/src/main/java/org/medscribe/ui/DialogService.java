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
    Optional<List<String>> askText(String titleKey, List<String> fieldKeys);

    /** Yes/no; true for yes. */
    boolean confirm(String titleKey, String messageKey, Object... arguments);

    /** The one dialog for unexpected failures: a stable code, where the detail is, no stack trace. */
    void showUnexpectedError(String errorCode);

    /** A short message that fades by itself (saved, copied). */
    void notify(String messageKey, Object... arguments);

    void copyToClipboard(String text);

    /** Opens {@code folder} in the system's file manager (creating it first if needed). */
    void openFolder(Path folder);
}
