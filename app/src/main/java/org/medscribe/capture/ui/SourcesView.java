package org.medscribe.capture.ui;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.medscribe.i18n.Messages;
import org.medscribe.record.Evidence;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.PaneView;
import org.medscribe.ui.PaneParts;

/**
 * The sources column: the list of sources (note, imported documents with page counts) and the
 * selected source's text, where the doctor types or pastes the note and where evidence is
 * highlighted. Built in code: its content is dynamic.
 */
public final class SourcesView extends PaneView<SourcesViewModel, VBox> {

    private final ListView<SourceItem> list = new ListView<>();
    private final StyleClassedTextArea text = new StyleClassedTextArea();
    private final Label message = new Label();
    private boolean updatingText;

    public SourcesView(SourcesViewModel model, Messages messages) {
        super(model, messages, new VBox());
    }


    /** The editor, first in the focus order after the worklist. */
    public Node editor() {
        return text;
    }

    @Override
    protected void build() {
        PaneParts.pane(root, "sources-pane", "pane-column", "sources-pane");
        Label title = PaneParts.title(messages.get("sources.title"));
        Button importButton = new Button(messages.get("sources.import"), new FontIcon(MaterialDesignF.FILE_PDF_BOX));
        importButton.setId("import-documents");
        importButton.setOnAction(event -> model.importDocuments());
        importButton.setDisable(!model.canImport());
        importButton.setTooltip(new Tooltip(messages.get(model.canImport() ? "sources.import.tooltip"
                : "sources.import.unavailable")));
        javafx.scene.layout.FlowPane header = PaneParts.header(title, importButton);

        list.setId("source-list");
        list.getStyleClass().add("source-list");
        list.setPrefHeight(76);
        list.setMinHeight(48);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(SourceItem item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                } else if (item.kind() == SourceItem.Kind.NOTE) {
                    setText(messages.get("sources.note"));
                    setGraphic(new FontIcon(MaterialDesignT.TEXT_BOX_OUTLINE));
                } else {
                    setText(messages.get("sources.document", item.label(), item.pageCount()));
                    setGraphic(new FontIcon(MaterialDesignF.FILE_DOCUMENT_OUTLINE));
                }
            }
        });
        list.setItems(model.sources());

        text.setId("source-text");
        text.setWrapText(true);
        text.getStyleClass().add("source-text");
        org.medscribe.ui.Editors.tabMovesFocus(text);
        text.setAccessibleText(messages.get("sources.note"));
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(text);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        PaneParts.inlineMessage(message, "sources-message");

        Label hint = new Label(messages.get("sources.hint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        root.getChildren().addAll(header, list, hint, scroll, message);
        root.setSpacing(6);

        text.textProperty().addListener((obs, old, now) -> {
            if (!updatingText) {
                SourceItem shown = model.selected().get();
                if (shown != null && shown.editable()) {
                    shown.edit(now);
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.selected().get()) {
                model.selected().set(now);
            }
        });
    }

    @Override
    protected void activate(ListenerScope scope) {
        scope.watch(model.selected(), shown -> {
            list.getSelectionModel().select(shown);
            showSource(shown);
        });
        scope.watch(model.note().text(), now -> {
            if (model.selected().get() == model.note() && !now.equals(text.getText())) {
                showSource(model.note());
            }
        });
        scope.watchList(model.highlights(), this::paintHighlights);
        PaneParts.showMessages(scope, model.message(), message, messages);
    }

    private void showSource(SourceItem source) {
        updatingText = true;
        try {
            String value = source == null ? "" : source.text().get();
            if (!value.equals(text.getText())) {
                text.replaceText(value);
            }
            text.setEditable(source != null && source.editable());
        } finally {
            updatingText = false;
        }
        paintHighlights();
    }

    private void paintHighlights() {
        int length = text.getLength();
        if (length > 0) {
            text.clearStyle(0, length);
        }
        SourceItem shown = model.selected().get();
        List<Evidence> spans = model.highlights();
        int first = -1;
        for (Evidence span : spans) {
            if (shown == null || !span.source().equals(shown.id())) {
                continue;
            }
            int start = Math.min(span.start(), length);
            int end = Math.min(span.end(), length);
            if (end > start) {
                text.setStyleClass(start, end, "evidence");
                first = first < 0 ? start : Math.min(first, start);
            }
        }
        if (first >= 0) {
            text.moveTo(first);
            text.requestFollowCaret();
        }
    }

    /** For tests and the screenshot tour: the characters now highlighted as evidence. */
    public String highlightedText() {
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < text.getLength(); i++) {
            if (text.getStyleOfChar(i).contains("evidence")) {
                found.append(text.getText(i, i + 1));
            }
        }
        return found.toString();
    }
}
