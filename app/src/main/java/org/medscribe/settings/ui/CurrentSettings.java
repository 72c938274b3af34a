package org.medscribe.settings.ui;

import java.util.Objects;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
import org.medscribe.ui.BackgroundTask;
import org.medscribe.ui.BackgroundTasks;

/**
 * The preferences in force, observable by every screen, and saved to disk (on the io executor)
 * whenever they change. UI thread.
 */
public final class CurrentSettings {

    private final ReadOnlyObjectWrapper<Settings> value;
    private final SettingsStore store;
    private final BackgroundTasks tasks;

    public CurrentSettings(Settings initial, SettingsStore store, BackgroundTasks tasks) {
        this.value = new ReadOnlyObjectWrapper<>(Objects.requireNonNull(initial, "initial"));
        this.store = Objects.requireNonNull(store, "store");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    public ReadOnlyObjectProperty<Settings> property() {
        return value.getReadOnlyProperty();
    }

    public Settings get() {
        return value.get();
    }

    /** Replaces the settings and saves them; a failed save is reported by the returned task. */
    public BackgroundTask<Void> update(UnaryOperator<Settings> change) {
        Settings next = change.apply(value.get());
        value.set(next);
        // A failed save reaches the error dialog (settings.error.save) unless the caller handles it.
        return tasks.io(() -> store.save(next));
    }
}
