package org.medscribe.app;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineStatus;
import org.medscribe.inference.worker.SupervisedEngine;
import org.medscribe.models.BundledModels;
import org.medscribe.models.Engines;
import org.medscribe.models.ModelChecks;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop application: the composition root of the window. */
public final class MedScribeApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(MedScribeApplication.class);

    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "io");
        thread.setDaemon(true);
        return thread;
    });
    private SupervisedEngine engine;

    @Override
    public void start(Stage stage) {
        AppDirectories directories = DesktopLauncher.directories();
        Settings configured = new SettingsStore(directories.settingsFile()).load();
        // An installer "with model" ships one: use it until the user chooses another.
        Settings settings = configured.modelPath() != null ? configured
                : BundledModels.list().stream().findFirst().map(configured::withModelPath).orElse(configured);
        Messages messages = new Messages("zh_CN".equals(settings.uiLanguage()) ? Messages.CHINESE : Locale.ROOT);

        Label model = new Label(settings.modelPath() == null ? messages.get("engine.state.NO_MODEL")
                : settings.modelPath().getFileName().toString());
        model.setId("model-name");
        Label status = new Label(messages.get("engine.state.NO_MODEL"));
        status.setId("engine-status");
        VBox root = new VBox(12, new Label(messages.get("app.title")), model, status);
        root.setPadding(new Insets(24));
        stage.setTitle(messages.get("app.title"));
        stage.setScene(new Scene(root, 1024, 700));
        stage.show();

        engine = new Engines(directories, ModelChecks.admission()).supervised();
        engine.addStatusListener(update -> Platform.runLater(() -> status.setText(describe(messages, update))));
        EngineSettings engineSettings = settings.engineSettings();
        boolean crashedBefore = engineSettings != null && engine.crashedDuringLoad()
                .map(path -> path.equals(engineSettings.modelPath().toAbsolutePath())).orElse(false);
        if (engineSettings != null && !crashedBefore) {
            background.execute(() -> {
                try {
                    engine.load(engineSettings, (phase, fraction) -> { }, CancellationToken.none());
                } catch (MedScribeException e) {
                    LOG.info("model not loaded at start: {}", e.messageKey());
                }
            });
        } else if (crashedBefore) {
            status.setText(messages.get("engine.error.crashedDuringLoad", "?"));
        }
    }

    private static String describe(Messages messages, EngineStatus status) {
        String state = messages.get("engine.state." + status.state().name());
        return status.messageKey() == null ? state
                : state + " — " + messages.get(status.messageKey(), status.messageArgs());
    }

    @Override
    public void stop() {
        if (engine != null) {
            engine.close();
        }
        background.shutdownNow();
    }
}
