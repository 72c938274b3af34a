package org.medscribe.review.ui;

import java.time.ZoneId;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.medscribe.i18n.Messages;
import org.medscribe.review.Encounters;
import org.medscribe.ui.ListenerScope;

/**
 * Above the record: whose record it is and which visit (name, record number, sex, age and date of
 * birth, kind and day of the visit). Hidden while no encounter is open.
 */
public final class EncounterHeader {

    private final Label root = new Label();
    private final EncounterWords words;

    public EncounterHeader(ObservableValue<Encounters.Item> open, Messages messages) {
        this.words = new EncounterWords(messages, ZoneId.systemDefault());
        root.setId("encounter-header");
        root.getStyleClass().add("encounter-header");
        root.setGraphic(new FontIcon(MaterialDesignA.ACCOUNT_OUTLINE));
        root.setWrapText(true);
        root.setMaxWidth(Double.MAX_VALUE);
        root.setMinHeight(Region.USE_PREF_SIZE);
        root.managedProperty().bind(root.visibleProperty());
        root.setVisible(false);
        ListenerScope.whileShown(root, scope -> scope.watch(open, this::show));
    }

    public Node root() {
        return root;
    }

    private void show(Encounters.Item item) {
        root.setVisible(item != null);
        if (item == null) {
            root.setText("");
            return;
        }
        String details = words.details(item);
        String day = words.day(item).toString();
        root.setText(words.patient(item) + (details.isEmpty() ? "" : " · " + details) + " · " + day);
    }
}
