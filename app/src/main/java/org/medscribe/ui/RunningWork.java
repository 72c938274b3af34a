package org.medscribe.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import org.medscribe.common.CancellationToken;

/**
 * The long operations running now (model load, draft, suggestions, import), so the status bar can
 * show the latest with its progress and one Cancel (Esc) can stop them all. UI thread only.
 */
public final class RunningWork {

    /** One operation: a label key, progress (0..1 or negative when unknown) and its cancel token. */
    public final class Activity {
        private final String labelKey;
        private final CancellationToken token;
        private final DoubleProperty progress = new SimpleDoubleProperty(-1);
        private final DoubleProperty tokensPerSecond = new SimpleDoubleProperty(Double.NaN);

        private Activity(String labelKey, CancellationToken token) {
            this.labelKey = labelKey;
            this.token = token;
        }

        public String labelKey() {
            return labelKey;
        }

        public DoubleProperty progress() {
            return progress;
        }

        /** Generation rate while a model is writing; NaN otherwise. */
        public DoubleProperty tokensPerSecond() {
            return tokensPerSecond;
        }

        public CancellationToken token() {
            return token;
        }

        /** Removes the activity; call when the work ends, however it ends. */
        public void finish() {
            activities.remove(this);
            refresh();
        }
    }

    private final List<Activity> activities = new ArrayList<>();
    private final ReadOnlyObjectWrapper<Activity> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public Activity start(String labelKey, CancellationToken token) {
        Activity activity = new Activity(labelKey, token);
        activities.add(activity);
        refresh();
        return activity;
    }

    /** The most recently started activity still running, or null. */
    public ReadOnlyObjectProperty<Activity> current() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** Cancels everything running; each activity finishes itself when its work has stopped. */
    public void cancelAll() {
        for (Activity activity : List.copyOf(activities)) {
            activity.token.cancel();
        }
    }

    private void refresh() {
        current.set(activities.isEmpty() ? null : activities.get(activities.size() - 1));
        busy.set(!activities.isEmpty());
    }
}
