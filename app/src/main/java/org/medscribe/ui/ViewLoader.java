package org.medscribe.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.util.Callback;
import org.medscribe.i18n.Messages;

/**
 * Loads an FXML view with the current language's bundle ({@code %key} in FXML) and the composition
 * root's controller factory, so controllers get their view-models by constructor. The FXML sits in
 * ui-resources under the controller's package path.
 */
public final class ViewLoader {

    private final Messages messages;
    private final Callback<Class<?>, Object> controllers;

    public ViewLoader(Messages messages, Callback<Class<?>, Object> controllers) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.controllers = Objects.requireNonNull(controllers, "controllers");
    }

    public Messages messages() {
        return messages;
    }

    /** Loads {@code name} (e.g. {@code Settings.fxml}) next to {@code controller}'s package; returns the controller. */
    public <C> C load(Class<C> controller, String name) {
        String path = "/" + controller.getPackageName().replace('.', '/') + "/" + name;
        URL location = Objects.requireNonNull(controller.getResource(path), path);
        FXMLLoader loader = new FXMLLoader(location, messages.bundle());
        loader.setControllerFactory(controllers);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + path, e);
        }
        return controller.cast(loader.getController());
    }
}
