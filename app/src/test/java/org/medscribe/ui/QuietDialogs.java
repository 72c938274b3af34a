package org.medscribe.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Test double of the desktop's dialogs that answers nothing: no file chosen, no text typed, "no" to
 * every question. Tests extend it to record or script what they need.
 */
public class QuietDialogs implements DialogService {

    @Override
    public Optional<Path> chooseModelFile(Path initialDirectory) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseDirectory(String titleKey, Path initialDirectory) {
        return Optional.empty();
    }

    @Override
    public List<Path> chooseDocuments() {
        return List.of();
    }

    @Override
    public Optional<List<String>> askText(String titleKey, String bodyKey, List<String> bodyLines,
                                          List<String> fieldKeys) {
        return Optional.empty();
    }

    @Override
    public boolean confirm(String titleKey, String messageKey, Object... arguments) {
        return false;
    }

    @Override
    public void showUnexpectedError(String errorCode) {
    }

    @Override
    public void notify(String messageKey, Object... arguments) {
    }

    @Override
    public void copyToClipboard(String text) {
    }

    @Override
    public void openFolder(Path folder) {
    }
}
