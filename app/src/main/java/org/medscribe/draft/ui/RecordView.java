package org.medscribe.draft.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.medscribe.ui.WrappingLabel;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.PaneView;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.PaneParts;

/**
 * The record column: template picker, Draft / Cancel / Copy, the inline message, record-level
 * findings and the section cards. Built in code: the sections come from the chosen template.
 */
public final class RecordView extends PaneView<RecordViewModel, VBox> {

    private final ComboBox<RecordDrafting.Template> templates = new ComboBox<>();
    private final Button draft = new Button();
    private final Button cancel = new Button();
    private final Button copy = new Button();
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label message = new Label();
    private final Label phase = new Label();
    private final Label draftHint = new Label();
    private final VBox recordFlags = new VBox(2);
    private final VBox sectionsBox = new VBox(10);
    private final ScrollPane scroll = new ScrollPane(sectionsBox);
    private final List<SectionCard> cards = new ArrayList<>();

    public RecordView(RecordViewModel model, Messages messages) {
        super(model, messages, new VBox(6));
    }


    public Node draftButton() {
        return draft;
    }

    @Override
    protected void build() {
        PaneParts.pane(root, "record-pane", "pane-column", "record-pane");
        Label title = PaneParts.title(messages.get("record.title"));

        templates.setId("template-picker");
        templates.setItems(model.templates());
        templates.setCellFactory(list -> templateCell());
        templates.setButtonCell(templateCell());
        templates.setAccessibleText(messages.get("record.template"));
        templates.setTooltip(new Tooltip(messages.get("record.template")));

        PaneParts.action(draft, "draft-button", messages.get("record.draft"), MaterialDesignS.SPARKLES,
                messages.get("record.draft.tooltip"), model::draft);
        draft.getStyleClass().add("accent");
        draft.setDefaultButton(false);
        PaneParts.collapsing(PaneParts.action(cancel, "cancel-draft", messages.get("record.cancel"),
                MaterialDesignC.CLOSE_CIRCLE_OUTLINE, messages.get("record.cancel.tooltip"), model::cancel));
        PaneParts.collapsing(PaneParts.action(copy, "copy-record", messages.get("record.copy"),
                MaterialDesignC.CONTENT_COPY, messages.get("record.copy.tooltip"), model::copyRecord));
        PaneParts.spinner(spinner);
        for (javafx.scene.control.Control control : List.of(templates, draft, cancel, copy)) {
            control.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        }
        javafx.scene.layout.FlowPane toolbar = PaneParts.header(title, templates, draft, spinner, cancel, copy);

        PaneParts.inlineMessage(message, "record-message");
        message.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        PaneParts.note(phase, "hint").setId("record-phase");
        PaneParts.note(draftHint, "hint").setId("draft-hint");
        recordFlags.getStyleClass().add("record-flags");
        PaneParts.collapsing(recordFlags);

        sectionsBox.setId("record-sections");
        sectionsBox.setPadding(new Insets(2, 4, 12, 2));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("record-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(toolbar, draftHint, phase, message, recordFlags, scroll);
    }

    private ListCell<RecordDrafting.Template> templateCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(RecordDrafting.Template item, boolean empty) {
                super.updateItem(item, empty);
                // The template's name in the UI's language (its data file names it in the record's).
                setText(empty || item == null ? null : messages.getOrDefault("template." + item.id(), item.title()));
            }
        };
    }

    @Override
    protected void activate(ListenerScope scope) {
        scope.bindBidirectional(templates.valueProperty(), model.template());
        scope.watch(model.canDraft(), can -> draft.setDisable(!can));
        scope.watch(model.state(), state -> {
            boolean streaming = state == RecordViewModel.State.STREAMING;
            cancel.setVisible(streaming);
            copy.setVisible(!streaming); // nothing to copy mid-draft, and the toolbar keeps its width
            spinner.setVisible(streaming);
            templates.setDisable(streaming);
            root.getStyleClass().removeAll("record-cancelled", "record-error");
            if (state == RecordViewModel.State.CANCELLED) {
                root.getStyleClass().add("record-cancelled");
            } else if (state == RecordViewModel.State.ERROR) {
                root.getStyleClass().add("record-error");
            }
        });
        PaneParts.showMessages(scope, model.message(), message, messages);
        PaneParts.showMessages(scope, model.phase(), phase, messages);
        PaneParts.showMessages(scope, model.draftHint(), draftHint, messages);
        scope.watchList(model.recordFlags(), () -> {
            List<Node> lines = new ArrayList<>();
            for (MessageKey flag : model.recordFlags()) {
                Label line = new WrappingLabel(flag.in(messages), new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
                line.getStyleClass().addAll("section-reason", "reason-flag");
                line.setWrapText(true);
                lines.add(line);
            }
            recordFlags.getChildren().setAll(lines);
            recordFlags.setVisible(!lines.isEmpty());
        });
        scope.watchList(model.sections(), this::rebuildCards);
        scope.watch(model.focusedSection(), index -> focus(index.intValue()));
        scope.onClose(() -> {
            cards.clear();
            sectionsBox.getChildren().clear();
        });
    }

    private void rebuildCards() {
        cards.clear();
        List<Node> nodes = new ArrayList<>();
        for (SectionViewModel section : model.sections()) {
            SectionCard card = new SectionCard(section, messages, this::selected);
            int index = cards.size();
            card.area().focusedProperty().addListener((obs, was, now) -> {
                if (now) {
                    model.focusSection(index);
                }
            });
            cards.add(card);
            nodes.add(card.root());
        }
        sectionsBox.getChildren().setAll(nodes);
    }

    private void selected(SectionViewModel.PlacedStatement statement) {
        for (SectionCard card : cards) {
            if (!card.section().statements().contains(statement)) {
                card.clearSelection();
            }
        }
        model.selectStatement(statement);
    }

    private void focus(int index) {
        if (index < 0 || index >= cards.size()) {
            return;
        }
        SectionCard card = cards.get(index);
        if (!card.area().isFocused() && root.getScene() != null
                && root.getScene().getFocusOwner() != null
                && isInside(root.getScene().getFocusOwner())) {
            card.area().requestFocus();
        }
        Node node = card.root();
        double contentHeight = sectionsBox.getHeight() - scroll.getViewportBounds().getHeight();
        if (contentHeight > 0) {
            scroll.setVvalue(Math.min(1, node.getBoundsInParent().getMinY() / contentHeight));
        }
    }

    /** Moves keyboard focus to the focused section (next/previous section commands). */
    public void focusCurrentSection() {
        int index = model.focusedSection().get();
        if (index >= 0 && index < cards.size()) {
            cards.get(index).area().requestFocus();
            focus(index);
        }
    }

    private boolean isInside(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == root) {
                return true;
            }
        }
        return false;
    }
}
