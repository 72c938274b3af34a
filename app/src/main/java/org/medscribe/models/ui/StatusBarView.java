package org.medscribe.models.ui;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.EngineState;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.RunningWork;

/**
 * The status bar: model name and engine state on the left; on the right what is running with its
 * progress, tokens per second, and a Cancel (Esc) that stops it at any moment.
 */
public final class StatusBarView {

    private final EngineStatusViewModel engine;
    private final RunningWork running;
    private final Messages messages;
    private final StatusBar bar = new StatusBar();
    private final Label model = new Label();
    private final Label state = new Label();
    private final Label activity = new Label();
    private final Label rate = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button();

    public StatusBarView(EngineStatusViewModel engine, RunningWork running, Messages messages) {
        this.engine = engine;
        this.running = running;
        this.messages = messages;
        build();
        ListenerScope.whileShown(bar, this::activate);
    }

    public Node root() {
        return bar;
    }

    private void build() {
        bar.setId("status-bar");
        bar.setText("");
        model.setId("status-model");
        model.setGraphic(new FontIcon(MaterialDesignC.CHIP));
        state.setId("engine-status");
        activity.setId("status-activity");
        rate.setId("status-rate");
        progress.setPrefWidth(120);
        rate.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        activity.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        progress.setId("status-progress");
        cancel.setId("status-cancel");
        cancel.setText(messages.get("status.cancel"));
        cancel.setGraphic(new FontIcon(MaterialDesignS.STOP_CIRCLE_OUTLINE));
        cancel.setTooltip(new Tooltip(messages.get("status.cancel.tooltip")));
        cancel.getStyleClass().add("flat");
        cancel.setOnAction(event -> running.cancelAll());
        bar.getLeftItems().setAll(model, new Separator(javafx.geometry.Orientation.VERTICAL), state);
        bar.getRightItems().setAll(activity, progress, new Separator(javafx.geometry.Orientation.VERTICAL), rate,
                cancel);
    }

    private void activate(ListenerScope scope) {
        scope.watchAll(() -> {
            String name = engine.modelName().get();
            model.setText(name == null ? messages.get("status.noModel") : name);
            EngineState now = engine.state().get();
            state.setText(messages.get("engine.state." + now.name()));
            state.getStyleClass().removeAll("state-ready", "state-busy", "state-problem");
            state.getStyleClass().add(switch (now) {
                case READY -> "state-ready";
                case LOADING, GENERATING -> "state-busy";
                case STOPPED, FAILED -> "state-problem";
                case NO_MODEL -> "state-none";
            });
        }, engine.modelName(), engine.state());
        scope.watch(running.current(), this::showActivity);
    }

    private ListenerScope activityScope;

    private void showActivity(RunningWork.Activity now) {
        if (activityScope != null) {
            activityScope.close();
        }
        activityScope = new ListenerScope();
        boolean busy = now != null;
        activity.setVisible(busy);
        progress.setVisible(busy);
        cancel.setDisable(!busy);
        rate.setVisible(busy);
        if (!busy) {
            activity.setText("");
            rate.setText("");
            return;
        }
        activity.setText(messages.get(now.labelKey()));
        activityScope.watch(now.progress(), value -> progress.setProgress(value.doubleValue() < 0
                ? ProgressBar.INDETERMINATE_PROGRESS : value.doubleValue()));
        activityScope.watch(now.tokensPerSecond(), value -> rate.setText(Double.isNaN(value.doubleValue()) ? ""
                : messages.get("status.tokensPerSecond", String.format(Locale.ROOT, "%.1f", value.doubleValue()))));
    }
}
