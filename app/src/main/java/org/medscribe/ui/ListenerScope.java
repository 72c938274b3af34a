package org.medscribe.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.Property;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * The listeners and bindings a view holds on long-lived view-models, removed together when the view
 * is hidden (or rebuilt for another language), so a discarded view is never kept alive or updated.
 * UI thread.
 */
public final class ListenerScope {

    private final List<Runnable> removals = new ArrayList<>();

    /** Calls {@code onChange} with the value now and on every change. */
    public <T> void watch(ObservableValue<T> value, Consumer<? super T> onChange) {
        ChangeListener<T> listener = (obs, old, now) -> onChange.accept(now);
        value.addListener(listener);
        removals.add(() -> value.removeListener(listener));
        onChange.accept(value.getValue());
    }

    /** Calls {@code onChange} now and whenever {@code list} changes. */
    public <T> void watchList(ObservableList<T> list, Runnable onChange) {
        ListChangeListener<T> listener = change -> onChange.run();
        list.addListener(listener);
        removals.add(() -> list.removeListener(listener));
        onChange.run();
    }

    /** Calls {@code onChange} now and whenever any of {@code observables} is invalidated. */
    public void watchAll(Runnable onChange, Observable... observables) {
        InvalidationListener listener = obs -> onChange.run();
        for (Observable observable : observables) {
            observable.addListener(listener);
            removals.add(() -> observable.removeListener(listener));
        }
        onChange.run();
    }

    /** {@code target} follows {@code source} until the scope closes. */
    public <T> void bind(Property<T> target, ObservableValue<? extends T> source) {
        target.bind(source);
        removals.add(target::unbind);
    }

    public <T> void bindBidirectional(Property<T> target, Property<T> source) {
        target.bindBidirectional(source);
        removals.add(() -> target.unbindBidirectional(source));
    }

    /** Registers any other undo action. */
    public void onClose(Runnable removal) {
        removals.add(removal);
    }

    public void close() {
        for (int i = removals.size() - 1; i >= 0; i--) {
            removals.get(i).run();
        }
        removals.clear();
    }

    /**
     * Runs {@code activate} each time {@code root} enters a scene and closes the scope it fills each
     * time it leaves one (Bisq's activate/deactivate).
     */
    public static void whileShown(Node root, Consumer<ListenerScope> activate) {
        ListenerScope[] current = new ListenerScope[1];
        ChangeListener<Object> sceneListener = (obs, old, now) -> {
            if (current[0] != null) {
                current[0].close();
                current[0] = null;
            }
            if (now != null) {
                current[0] = new ListenerScope();
                activate.accept(current[0]);
            }
        };
        root.sceneProperty().addListener(sceneListener);
        if (root.getScene() != null) {
            sceneListener.changed(null, null, root.getScene());
        }
    }
}
