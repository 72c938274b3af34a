package org.medscribe.ui;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.medscribe.i18n.Messages;

/**
 * The parts every side pane is built of, built alike: the pane itself, its header, its action
 * buttons, the busy spinner, the inline message and the scrolling body. UI thread.
 */
public final class PaneParts {

    private PaneParts() {
    }

    /** A side pane: its id (for tests and the stylesheet), its style classes, room around its content. */
    public static <R extends Region> R pane(R root, String id, String... styleClasses) {
        root.setId(id);
        root.getStyleClass().addAll(styleClasses);
        root.setPadding(new Insets(8));
        return root;
    }

    /**
     * A pane's header: its title, then {@code controls}, on as many lines as the pane's width needs
     * (a narrow column or large text puts the controls under the title rather than cutting them).
     */
    public static FlowPane header(Label title, Node... controls) {
        FlowPane header = row(title);
        header.getChildren().addAll(controls);
        header.getStyleClass().add("pane-header");
        return header;
    }

    /** Nodes side by side at their full size, wrapping onto the next line when the width runs out. */
    public static FlowPane row(Node... nodes) {
        FlowPane row = new FlowPane(8, 6, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMinWidth(0);
        return row;
    }

    /** A pane's title. */
    public static Label title(String text) {
        Label title = new Label(text);
        title.getStyleClass().add("pane-title");
        return title;
    }

    /**
     * An action button: id, label, icon, the tooltip saying what it does ({@code null} for none), and
     * what it runs.
     */
    public static Button action(Button button, String id, String text, Ikon icon, String tooltip, Runnable onAction) {
        button.setId(id);
        button.setText(text);
        button.setGraphic(new FontIcon(icon));
        if (tooltip != null) {
            button.setTooltip(new Tooltip(tooltip));
        }
        button.setOnAction(event -> onAction.run());
        return button;
    }

    /** The small busy indicator beside a pane's actions; it takes no room while hidden. */
    public static ProgressIndicator spinner(ProgressIndicator spinner) {
        spinner.setPrefSize(18, 18);
        return collapsing(spinner);
    }

    /** {@code node} takes no room while hidden. */
    public static <N extends Node> N collapsing(N node) {
        node.managedProperty().bind(node.visibleProperty());
        return node;
    }

    /** A line of text under the actions that wraps and takes no room while hidden, styled {@code styleClass}. */
    public static <L extends Label> L note(L label, String styleClass) {
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        // As tall as its wrapped lines: a box short of room would otherwise cut it to one line and "…".
        label.setMinHeight(Region.USE_PREF_SIZE);
        return collapsing(label);
    }

    /** The pane's inline message (what went wrong and what to do); see {@link #showMessages}. */
    public static Label inlineMessage(Label message, String id) {
        message.setId(id);
        return note(message, "inline-message");
    }

    /** While the pane is shown, {@code label} says the current message of {@code key}, and hides when there is none. */
    public static void showMessages(ListenerScope scope, ObservableValue<MessageKey> key, Label label,
                                    Messages messages) {
        scope.watch(key, now -> {
            label.setVisible(now != null);
            label.setText(now == null ? "" : now.in(messages));
        });
    }

    /** A scrolling body that fills the pane's width and the height the header leaves. */
    public static ScrollPane body(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return scroll;
    }
}
