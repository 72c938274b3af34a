package org.medscribe.ui;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A value in force that every screen may observe, saved (on the io executor) whenever it changes:
 * the preferences, handed to each screen by the composition root. UI thread.
 *
 * @param <T> the value, immutable
 */
public final class SavedValue<T> {

    private final ReadOnlyObjectWrapper<T> value;
    private final Consumer<T> save;
    private final BackgroundTasks tasks;

    /**
     * @param initial the value in force now
     * @param save    writes a value where it is kept; blocking, run on the io executor
     */
    public SavedValue(T initial, Consumer<T> save, BackgroundTasks tasks) {
        this.value = new ReadOnlyObjectWrapper<>(Objects.requireNonNull(initial, "initial"));
        this.save = Objects.requireNonNull(save, "save");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    public ReadOnlyObjectProperty<T> property() {
        return value.getReadOnlyProperty();
    }

    public T get() {
        return value.get();
    }

    /** Replaces the value and saves it; a failed save is reported by the returned task. */
    public BackgroundTask<Void> update(UnaryOperator<T> change) {
        T next = change.apply(value.get());
        value.set(next);
        // A failed save reaches the error dialog unless the caller handles it.
        return tasks.io(() -> save.accept(next));
    }
}
