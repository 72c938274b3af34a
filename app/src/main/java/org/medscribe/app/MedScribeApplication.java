package org.medscribe.app;

import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.medscribe.i18n.Messages;

/** The desktop application: builds the main window. */
public final class MedScribeApplication extends Application {

    @Override
    public void start(Stage stage) {
        Messages messages = new Messages(Locale.getDefault().getLanguage().equals("zh") ? Messages.CHINESE : Locale.ROOT);
        Label status = new Label(messages.get("engine.state.NO_MODEL"));
        status.setId("engine-status");
        VBox root = new VBox(12, new Label(messages.get("app.title")), status);
        root.setPadding(new Insets(24));
        stage.setTitle(messages.get("app.title"));
        stage.setScene(new Scene(root, 1024, 700));
        stage.show();
    }
}
