package org.medscribe.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Stage;
import javafx.util.Callback;
import org.medscribe.i18n.Messages;
import org.medscribe.models.ui.ModelSetupView;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
import org.medscribe.settings.ui.SettingsView;
import org.medscribe.settings.ui.SettingsViewModel;
import org.medscribe.ui.AnimationFrameClock;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.FxDialogService;
import org.medscribe.ui.RunningWork;
import org.medscribe.ui.SavedValue;
import org.medscribe.ui.Theme;
import org.medscribe.ui.UnexpectedErrors;
import org.medscribe.ui.ViewLoader;

/**
 * The composition root of the desktop window: builds the executors, the UI plumbing, the
 * {@link Workspace} over the given services, and the views through one controller factory. Owns the
 * main stage: restores its placement, rebuilds the views when the UI language changes (the workspace
 * and all open work stay), applies theme and font size, and shuts everything down on close.
 * Construct and use on the FX thread.
 */
public final class Desktop {

    private final Stage stage;
    private final AppDirectories directories;
    private final ExecutorService io = namedSingleThread("io");
    private final ExecutorService inference = namedSingleThread("inference");
    private final UnexpectedErrors unexpected;
    private final Theme theme = new Theme();
    private final SavedValue<Settings> settings;
    private final Workspace workspace;
    private final DialogService dialogs;
    private Messages messages;
    private MainView mainView;
    private boolean closed;
    private final StagePlacement placed;
    private final WindowPlacement placement;

    /**
     * @param settings  the settings read at start (off the FX thread)
     * @param placement where the window was last time
     * @param host      to open folders; may be null (tests)
     */
    public Desktop(Stage stage, AppDirectories directories, Settings settings, WindowPlacement placement,
                   HostServices host, Workspace.Services services) {
        this(stage, directories, settings, placement, host, services, UnaryOperator.identity());
    }

    /**
     * @param dialogWrapper wraps the dialog service; tests replace the OS file choosers with it,
     *                      since a native chooser cannot be driven headless
     */
    public Desktop(Stage stage, AppDirectories directories, Settings settings, WindowPlacement placement,
                   HostServices host, Workspace.Services services, UnaryOperator<DialogService> dialogWrapper) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.directories = Objects.requireNonNull(directories, "directories");
        this.messages = messagesFor(settings.uiLanguage());
        this.unexpected = new UnexpectedErrors(Platform::runLater, code -> { });
        BackgroundTasks tasks = new BackgroundTasks(Platform::runLater, io, inference, unexpected);
        this.settings = new SavedValue<>(settings, new SettingsStore(directories.settingsFile())::save, tasks);
        this.dialogs = dialogWrapper.apply(new FxDialogService(() -> stage, () -> messages, host, io, text -> {
            if (mainView != null) {
                mainView.toast(text);
            }
        }, dialog -> style(dialog)));
        unexpected.displayWith(dialogs::showUnexpectedError);
        unexpected.installAsDefault();
        RunningWork running = new RunningWork();
        this.workspace = new Workspace(directories, services, this.settings, tasks, dialogs, new AnimationFrameClock(),
                running);
        this.settings.property().addListener((obs, old, now) -> settingsChanged(old, now));
        this.placed = new StagePlacement(stage);
        this.placement = placement.usable() ? placement : WindowPlacement.standard();
    }

    static Messages messagesFor(String language) {
        return new Messages("zh_CN".equals(language) ? Messages.CHINESE : java.util.Locale.ROOT);
    }

    /** Builds the views, shows the window, starts the workspace (engine status, model load). */
    public void show() {
        theme.applyGlobally(settings.get().theme());
        Scene scene = new Scene(buildRoot());
        stage.setScene(scene);
        theme.apply(scene, settings.get().theme(), settings.get().fontSize());
        stage.setTitle(messages.get("app.title"));
        placed.restore(placement);
        stage.setOnCloseRequest(event -> close());
        stage.show();
        workspace.start();
    }

    private Parent buildRoot() {
        ViewLoader loader = new ViewLoader(messages, controllerFactory());
        mainView = loader.load(MainView.class, "Main.fxml");
        return mainView.root();
    }

    private Callback<Class<?>, Object> controllerFactory() {
        Messages current = messages;
        ViewLoader[] self = new ViewLoader[1];
        Callback<Class<?>, Object> factory = type -> {
            if (type == MainView.class) {
                return new MainView(workspace, current, self[0], actions());
            }
            if (type == ModelSetupView.class) {
                return new ModelSetupView(workspace.modelSetup(), current);
            }
            if (type == SettingsView.class) {
                return new SettingsView(pendingSettingsForm, current, workspace.templateTitles());
            }
            throw new IllegalArgumentException("no controller for " + type.getName());
        };
        self[0] = new ViewLoader(current, factory);
        return factory;
    }

    private SettingsViewModel pendingSettingsForm;

    private MainView.Actions actions() {
        return new MainView.Actions() {
            @Override
            public void openSettings() {
                Desktop.this.openSettings();
            }

            @Override
            public void switchLanguage(String language) {
                settings.update(now -> now.withUiLanguage(language));
            }

            @Override
            public void setTheme(String value) {
                settings.update(now -> now.withTheme(value));
            }

            @Override
            public void changeFontSize(double delta) {
                double size = Math.max(SettingsViewModel.MIN_FONT, Math.min(SettingsViewModel.MAX_FONT,
                        settings.get().fontSize() + delta));
                settings.update(now -> now.withFontSize(size));
            }

            @Override
            public void exit() {
                close();
                stage.close();
            }

            @Override
            public void style(Dialog<?> dialog) {
                Desktop.this.style(dialog);
            }
        };
    }

    /** The settings dialog; OK applies (and stays open while the form is invalid). */
    public void openSettings() {
        pendingSettingsForm = workspace.newSettingsForm();
        SettingsViewModel form = pendingSettingsForm;
        SettingsView view = new ViewLoader(messages, controllerFactory()).load(SettingsView.class, "Settings.fxml");
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle(messages.get("settings.title"));
        dialog.setHeaderText(messages.get("settings.title"));
        dialog.setResizable(true);
        ButtonType ok = new ButtonType(messages.get("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(messages.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, cancel);
        dialog.getDialogPane().setContent(view.root());
        dialog.getDialogPane().setId("settings-dialog");
        dialog.getDialogPane().lookupButton(ok).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            if (!form.apply()) {
                event.consume();
            }
        });
        style(dialog);
        dialog.show();
    }

    private void style(Dialog<?> dialog) {
        if (stage.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        }
        theme.style(dialog.getDialogPane(), settings.get().theme(), settings.get().fontSize());
        placed.keepThrough(dialog);
    }

    private void settingsChanged(Settings old, Settings now) {
        if (!Objects.equals(old.uiLanguage(), now.uiLanguage())) {
            switchLanguage(now.uiLanguage());
        }
        if (!Objects.equals(old.theme(), now.theme()) || old.fontSize() != now.fontSize()) {
            theme.applyGlobally(now.theme());
            if (stage.getScene() != null) {
                theme.apply(stage.getScene(), now.theme(), now.fontSize());
            }
        }
    }

    /**
     * Rebuilds every view in {@code language} over the same workspace: typed notes, the draft in
     * progress, selections in view-models all stay.
     */
    private void switchLanguage(String language) {
        messages = messagesFor(language);
        Scene scene = stage.getScene();
        if (scene == null) {
            return;
        }
        scene.setRoot(buildRoot());
        theme.apply(scene, settings.get().theme(), settings.get().fontSize());
        stage.setTitle(messages.get("app.title"));
    }

    /** Saves the window placement, stops background work and the engine status feed. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        WindowPlacement placement = placed.current();
        workspace.close();
        io.execute(() -> placement.write(directories.root().resolve("window.json")));
        io.shutdown();
        inference.shutdownNow();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    public MainView mainView() {
        return mainView;
    }

    public Messages messages() {
        return messages;
    }

    public Stage stage() {
        return stage;
    }

    private static ExecutorService namedSingleThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
