package org.medscribe.review.ui;

import org.medscribe.review.Encounters;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.PaneView;

/** The worklist column: search, new encounter, the encounters. */
public final class EncounterListView extends PaneView<EncounterListViewModel, VBox> {

    private final TextField search = new TextField();
    private final ListView<Encounters.Item> list = new ListView<>();
    private final DateTimeFormatter dates;
    private final EncounterWords words;

    public EncounterListView(EncounterListViewModel model, Messages messages) {
        super(model, messages, new VBox(6));
        this.dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(messages.locale())
                .withZone(ZoneId.systemDefault());
        this.words = new EncounterWords(messages, ZoneId.systemDefault());
    }


    public Node searchField() {
        return search;
    }

    @Override
    protected void build() {
        root.setId("encounter-pane");
        root.getStyleClass().addAll("pane-column", "encounter-pane");
        root.setPadding(new Insets(8));
        Label title = new Label(messages.get("encounters.title"));
        title.getStyleClass().add("pane-title");
        search.setId("encounter-search");
        search.setPromptText(messages.get("encounters.search"));
        Button create = new Button(messages.get("encounters.new"), new FontIcon(MaterialDesignA.ACCOUNT_PLUS_OUTLINE));
        create.setId("new-encounter");
        create.setMaxWidth(Double.MAX_VALUE);
        create.setWrapText(true);
        create.setMinHeight(Region.USE_PREF_SIZE);
        create.setOnAction(event -> model.newEncounter());
        list.setId("encounter-list");
        Label empty = new Label(messages.get("encounters.empty"));
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        list.setCellFactory(view -> new ListCell<>() {
            /** As tall as its wrapped lines are at the list's width (not at the graphic's nominal width). */
            @Override
            protected double computePrefHeight(double width) {
                Node graphic = getGraphic();
                double available = (width > 0 ? width : list.getWidth() - 18) - snappedLeftInset()
                        - snappedRightInset();
                return graphic == null || available <= 0 ? super.computePrefHeight(width)
                        : graphic.prefHeight(available) + snappedTopInset() + snappedBottomInset();
            }

            @Override
            protected void updateItem(Encounters.Item item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    String details = words.details(item);
                    String when = dates.format(item.startedAt());
                    // The text (name first) is what the line is found and read out by; the graphic shows it.
                    setText(words.patient(item) + "\n" + when + (details.isEmpty() ? "" : "\n" + details));
                    setGraphic(lineGraphic(item, when, details));
                    setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                }
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(title, search, create, list);
    }

    /**
     * The patient, when, the visit's details, and the status badge (draft, signed, amended: where the
     * encounter's record stands, at a glance). Lines wrap to the column's width.
     */
    private Node lineGraphic(Encounters.Item item, String when, String details) {
        Label patient = wrapping(words.patient(item), "encounter-line-patient");
        Label started = wrapping(when, "encounter-line-time");
        Label badge = new Label(words.status(item));
        badge.getStyleClass().addAll("encounter-status", "encounter-status-" + item.status().toLowerCase(
                java.util.Locale.ROOT));
        badge.setMinWidth(Label.USE_PREF_SIZE);
        javafx.scene.layout.HBox status = new javafx.scene.layout.HBox(6, started, badge);
        status.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.HBox.setHgrow(started, Priority.ALWAYS);
        started.setMaxWidth(Double.MAX_VALUE);
        VBox lines = new VBox(1, patient, status);
        if (!details.isEmpty()) {
            lines.getChildren().add(wrapping(details, "encounter-line-details"));
        }
        lines.setPrefWidth(1); // the cell's width comes from the list, not from the text
        lines.setMinWidth(0);
        return lines;
    }

    private static Label wrapping(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinWidth(0);
        label.setMinHeight(Label.USE_PREF_SIZE);
        label.getStyleClass().add(styleClass);
        return label;
    }

    @Override
    protected void activate(ListenerScope scope) {
        scope.bindBidirectional(search.textProperty(), model.query());
        list.setItems(model.items());
        scope.onClose(() -> list.setItems(null));
        scope.watch(model.selected(), item -> {
            if (item != null && list.getSelectionModel().getSelectedItem() != item) {
                list.getSelectionModel().select(item);
            }
        });
        javafx.beans.value.ChangeListener<Encounters.Item> picked = (obs, old, now) -> {
            if (now != null) {
                model.selected().set(now);
            }
        };
        list.getSelectionModel().selectedItemProperty().addListener(picked);
        scope.onClose(() -> list.getSelectionModel().selectedItemProperty().removeListener(picked));
    }
}
