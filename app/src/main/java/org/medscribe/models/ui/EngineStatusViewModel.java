package org.medscribe.models.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.EngineStatus;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.LoadedModel;
import org.medscribe.ui.BackgroundTask;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.RunningWork;

/**
 * The engine as the status bar and the crash banner show it: state, model name, why it stopped;
 * and the commands to load a model and to restart after a crash. Engine status arrives on engine
 * threads and is handed to the UI executor. UI thread otherwise.
 */
public final class EngineStatusViewModel {

    private final LanguageEngine engine;
    private final BackgroundTasks tasks;
    private final RunningWork running;
    private final Supplier<EngineSettings> configured;

    private final ReadOnlyObjectWrapper<EngineState> state = new ReadOnlyObjectWrapper<>(EngineState.NO_MODEL);
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<MessageKey> message = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MessageKey> loadError = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper crashed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private Runnable unsubscribe = () -> { };

    /**
     * @param engine     the supervised engine
     * @param configured the engine settings the user chose (null when no model is chosen)
     */
    public EngineStatusViewModel(LanguageEngine engine, BackgroundTasks tasks, RunningWork running,
                                 Supplier<EngineSettings> configured) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.running = Objects.requireNonNull(running, "running");
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    /** Follows the engine's status until {@link #close()}. */
    public void start() {
        apply(engine.status());
        unsubscribe = engine.addStatusListener(status -> tasks.ui().execute(() -> apply(status)));
    }

    /**
     * Loads the configured model at start, unless it crashed the engine while loading last time (then
     * the user decides, and the reason is shown where the model is chosen).
     */
    public void loadAtStart(Optional<Path> crashedDuringLoad) {
        EngineSettings settings = configured.get();
        if (settings == null) {
            return;
        }
        if (crashedDuringLoad.map(path -> path.equals(settings.modelPath().toAbsolutePath())).orElse(false)) {
            loadError.set(new MessageKey("engine.error.crashedDuringLoad", "?"));
            modelName.set(settings.modelPath().getFileName().toString());
            return;
        }
        load(settings);
    }

    /** Loads {@code settings}' model on the inference executor, with a cancellable activity. */
    public BackgroundTask<LoadedModel> load(EngineSettings settings) {
        loadError.set(null);
        loading.set(true);
        modelName.set(settings.modelPath().getFileName().toString());
        CancellationToken cancel = new CancellationToken();
        RunningWork.Activity activity = running.start("activity.loadingModel", cancel);
        return tasks.inference(() -> engine.load(settings, (phase, fraction) -> { }, cancel))
                .onSuccess(model -> modelName.set(model.name()))
                .onError(CancelledException.class, stopped -> loadError.set(null))
                .onError(MedScribeException.class, failure -> loadError.set(MessageKey.of(failure)))
                .onFinished(() -> {
                    loading.set(false);
                    activity.finish();
                });
    }

    /** Reloads the configured model: the banner's Restart. */
    public void restart() {
        EngineSettings settings = configured.get();
        if (settings != null && !loading.get()) {
            load(settings);
        }
    }

    public void close() {
        unsubscribe.run();
        unsubscribe = () -> { };
    }

    private void apply(EngineStatus status) {
        state.set(status.state());
        if (status.model() != null) {
            modelName.set(status.model().name());
        }
        if (status.messageKey() != null) {
            message.set(new MessageKey(status.messageKey(), status.messageArgs()));
        } else if (status.state() != EngineState.LOADING) {
            message.set(null);
        }
        // The banner stays up from the crash until the engine is ready again (through the restart's load).
        switch (status.state()) {
            case STOPPED -> crashed.set(true);
            case READY, GENERATING, NO_MODEL -> crashed.set(false);
            case FAILED -> crashed.set("engine.error.restartsExhausted".equals(status.messageKey())
                    || (crashed.get() && status.messageKey() != null));
            case LOADING -> { }
        }
        if (status.state() == EngineState.FAILED && status.messageKey() != null && !crashed.get()) {
            loadError.set(new MessageKey(status.messageKey(), status.messageArgs()));
        }
    }

    public ReadOnlyObjectProperty<EngineState> state() {
        return state.getReadOnlyProperty();
    }

    /** The loaded (or loading) model's name; null before one is chosen. */
    public ReadOnlyStringProperty modelName() {
        return modelName.getReadOnlyProperty();
    }

    /** Why the engine stopped or failed, or null. */
    public ReadOnlyObjectProperty<MessageKey> message() {
        return message.getReadOnlyProperty();
    }

    /** Why the last load failed (shown inline where the model is chosen), or null. */
    public ReadOnlyObjectProperty<MessageKey> loadError() {
        return loadError.getReadOnlyProperty();
    }

    /** The engine stopped unexpectedly: the banner with Restart is shown. */
    public ReadOnlyBooleanProperty crashed() {
        return crashed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    public boolean isReady() {
        return state.get() == EngineState.READY;
    }
}
