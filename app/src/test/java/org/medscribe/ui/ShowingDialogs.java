package org.medscribe.ui;

/**
 * Quiet dialogs (no file chosen, no text typed, "no" to every question) that still show what asks
 * nothing of the user: unexpected errors, notices and the clipboard go to the app's real dialogs,
 * once {@link #showOn} has named them. Tests of the whole desktop extend it to script the rest.
 */
public class ShowingDialogs extends QuietDialogs {

    private volatile DialogService real;

    /** The app's real dialogs, which errors, notices and copied text reach. */
    public void showOn(DialogService real) {
        this.real = real;
    }

    @Override
    public void showUnexpectedError(String errorCode) {
        real.showUnexpectedError(errorCode);
    }

    @Override
    public void notify(String messageKey, Object... arguments) {
        real.notify(messageKey, arguments);
    }

    @Override
    public void copyToClipboard(String text) {
        real.copyToClipboard(text);
    }
}
