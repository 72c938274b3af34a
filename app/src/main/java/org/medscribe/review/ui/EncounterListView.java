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

    public EncounterListView(EncounterListViewModel model, Messages messages) {
        super(model, messages, new VBox(6));
        this.dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(messages.locale())
                .withZone(ZoneId.systemDefault());
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
            @Override
            protected void updateItem(Encounters.Item item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                } else {
                    String number = item.recordNumber() == null || item.recordNumber().isBlank() ? ""
                            : " · " + item.recordNumber();
                    setText(item.patientName() + number + "\n" + dates.format(item.startedAt()));
                }
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(title, search, create, list);
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
