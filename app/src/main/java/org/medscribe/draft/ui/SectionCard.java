package org.medscribe.draft.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.MessageKey;

/**
 * One section of the record: title, state badge, the editable text with each statement marked
 * (unsupported and flagged ones in place), and the reasons below. Clicking a statement selects it.
 */
final class SectionCard {

    private static final int QUOTE_LENGTH = 60;

    private final SectionViewModel section;
    private final Messages messages;
    private final Consumer<SectionViewModel.PlacedStatement> onSelect;
    private final VBox root = new VBox(4);
    private final Label badge = new Label();
    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final VBox reasons = new VBox(2);
    /** Shows the text while the model writes it: a plain label is cheap to update every frame. */
    private final Label preview = new Label();
    private final Label placeholder = new Label();
    private SectionViewModel.PlacedStatement selected;
    private boolean updating;

    SectionCard(SectionViewModel section, Messages messages, Consumer<SectionViewModel.PlacedStatement> onSelect) {
        this.section = section;
        this.messages = messages;
        this.onSelect = onSelect;
        build();
        ListenerScope.whileShown(root, this::activate);
    }

    Node root() {
        return root;
    }

    StyleClassedTextArea area() {
        return area;
    }

    SectionViewModel section() {
        return section;
    }

    private void build() {
        root.getStyleClass().add("section-card");
        root.setId("section-" + section.id());
        Label title = new Label(section.title());
        title.getStyleClass().add("section-title");
        badge.getStyleClass().add("section-badge");
        badge.managedProperty().bind(badge.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, badge);
        header.setAlignment(Pos.CENTER_LEFT);

        area.setWrapText(true);
        area.getStyleClass().add("section-text");
        area.setAccessibleText(section.title());
        placeholder.getStyleClass().add("section-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(Double.MAX_VALUE);
        area.setPlaceholder(placeholder);
        area.prefHeightProperty().bind(Bindings.createDoubleBinding(
                // The estimate can trail the last wrapped line by one; a line of slack avoids a clipped text.
                () -> Math.max(44, area.getTotalHeightEstimate() + 26),
                area.totalHeightEstimateProperty()));
        area.setMinHeight(44);
        area.textProperty().addListener((obs, old, now) -> {
            if (!updating) {
                section.editByDoctor(now);
            }
        });
        area.setOnMouseClicked(event -> select(section.statementAt(area.getCaretPosition())));
        area.caretPositionProperty().addListener((obs, old, now) -> {
            if (area.isFocused() && !updating) {
                SectionViewModel.PlacedStatement at = section.statementAt(now);
                if (at != null && at != selected) {
                    select(at);
                }
            }
        });
        preview.getStyleClass().add("section-preview");
        preview.setWrapText(true);
        preview.setMaxWidth(Double.MAX_VALUE);
        preview.managedProperty().bind(preview.visibleProperty());
        preview.setVisible(false);
        area.managedProperty().bind(area.visibleProperty());
        reasons.getStyleClass().add("section-reasons");
        reasons.managedProperty().bind(reasons.visibleProperty());
        root.getChildren().addAll(header, preview, area, reasons);
    }

    private void activate(ListenerScope scope) {
        scope.watch(section.text(), now -> {
            if (streaming()) {
                preview.setText(now);
                return;
            }
            if (!now.equals(area.getText())) {
                updating = true;
                try {
                    area.replaceText(now);
                } finally {
                    updating = false;
                }
            }
            paint();
        });
        scope.watchAll(this::refreshState, section.state(), section.editedByDoctor());
        scope.watchList(section.statements(), this::paint);
        scope.watchList(section.sectionFlags(), this::paint);
        scope.watch(section.locked(), locked -> area.setEditable(!locked));
        scope.watch(section.findingSpan(), span -> {
            paint();
            if (span != null) {
                area.moveTo(Math.min(span.start(), area.getLength()));
                area.requestFollowCaret();
            }
        });
    }

    private void select(SectionViewModel.PlacedStatement statement) {
        selected = statement;
        onSelect.accept(statement);
        paint();
    }

    /** Called when another card's statement was selected. */
    void clearSelection() {
        if (selected != null) {
            selected = null;
            paint();
        }
    }

    private boolean streaming() {
        return section.state().get() == SectionViewModel.State.STREAMING && !section.editedByDoctor().get();
    }

    private void refreshState() {
        boolean streaming = streaming();
        // "Not documented" is said only of a section the draft found nothing for, never of one not reached yet.
        placeholder.setText(section.state().get() == SectionViewModel.State.NOT_DOCUMENTED
                || section.state().get() == SectionViewModel.State.DRAFTED
                ? messages.get("record.section.emptyToFill") : "");
        preview.setVisible(streaming);
        area.setVisible(!streaming);
        if (streaming) {
            preview.setText(section.text().get());
        } else if (!section.text().get().equals(area.getText())) {
            updating = true;
            try {
                area.replaceText(section.text().get());
            } finally {
                updating = false;
            }
            paint();
        }
        root.getStyleClass().removeAll("streaming", "not-documented", "stopped", "doctor-edited", "waiting");
        String badgeKey = null;
        if (section.editedByDoctor().get()) {
            root.getStyleClass().add("doctor-edited");
            badgeKey = "record.section.edited";
        } else {
            switch (section.state().get()) {
                case STREAMING -> {
                    root.getStyleClass().add("streaming");
                    badgeKey = "record.section.streaming";
                }
                case NOT_DOCUMENTED -> {
                    root.getStyleClass().add("not-documented");
                    badgeKey = "draft.section.notDocumented";
                }
                case STOPPED -> {
                    root.getStyleClass().add("stopped");
                    badgeKey = "record.section.stopped";
                }
                case WAITING -> root.getStyleClass().add("waiting");
                case DRAFTED -> badgeKey = null;
            }
        }
        badge.setVisible(badgeKey != null);
        badge.setText(badgeKey == null ? "" : messages.get(badgeKey));
        badge.setId(badgeKey == null ? null : "badge-" + section.id());
    }

    private void paint() {
        int length = area.getLength();
        if (length > 0) {
            area.clearStyle(0, length);
        }
        List<Node> lines = new ArrayList<>();
        for (SectionViewModel.PlacedStatement statement : section.statements()) {
            int start = Math.min(statement.start(), length);
            int end = Math.min(statement.end(), length);
            if (end > start) {
                area.setStyle(start, end, classesOf(statement));
            }
            if (!statement.supported()) {
                String why = statement.unsupportedReason() == null ? ""
                        : " " + statement.unsupportedReason().in(messages);
                lines.add(reason(MaterialDesignA.ALERT_OUTLINE, "reason-unsupported",
                        messages.get("record.statement.unsupported", quote(statement.text())) + why));
            }
            for (MessageKey flag : statement.flags()) {
                lines.add(reason(MaterialDesignA.ALERT_CIRCLE_OUTLINE, "reason-flag",
                        messages.get("record.statement.flag", quote(statement.text()), flag.in(messages))));
            }
        }
        for (MessageKey flag : section.sectionFlags()) {
            lines.add(reason(MaterialDesignP.PLAYLIST_REMOVE, "reason-flag", flag.in(messages)));
        }
        SectionViewModel.Span finding = section.findingSpan().get();
        if (finding != null && finding.end() <= length && finding.end() > finding.start()) {
            // Over the statement styles, so a finding inside an unsupported statement shows both.
            area.setStyleSpans(finding.start(), area.getStyleSpans(finding.start(), finding.end()).mapStyles(style -> {
                List<String> marked = new ArrayList<>(style);
                marked.add("finding-highlight");
                return marked;
            }));
        }
        reasons.getChildren().setAll(lines);
        reasons.setVisible(!lines.isEmpty());
    }

    private Collection<String> classesOf(SectionViewModel.PlacedStatement statement) {
        List<String> classes = new ArrayList<>();
        classes.add("statement");
        if (!statement.supported()) {
            classes.add("statement-unsupported");
        }
        if (statement.flagged()) {
            classes.add("statement-flagged");
        }
        if (statement == selected) {
            classes.add("statement-selected");
        }
        return classes;
    }

    private static Label reason(org.kordamp.ikonli.Ikon icon, String styleClass, String text) {
        Label label = new Label(text, new FontIcon(icon));
        label.getStyleClass().addAll("section-reason", styleClass);
        label.setWrapText(true);
        return label;
    }

    private static String quote(String text) {
        String single = text.replace('\n', ' ').strip();
        return single.length() <= QUOTE_LENGTH ? single : single.substring(0, QUOTE_LENGTH - 1) + "…";
    }
}
