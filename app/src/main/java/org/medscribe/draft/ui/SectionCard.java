package org.medscribe.draft.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.medscribe.ui.WrappingLabel;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.MessageKey;

/**
 * One section of the record: title, state badge, the editable text with each statement marked
 * (unsupported and flagged ones in place), and the reasons below. Clicking a statement selects it.
 */
final class SectionCard {

    private static final int QUOTE_LENGTH = 60;
    /** The card's states, as CSS pseudo-classes ({@code .section-card:streaming}). */
    static final List<String> STATE_CLASSES =
            List.of("streaming", "not-documented", "stopped", "doctor-edited", "waiting");

    private final SectionViewModel section;
    private final Messages messages;
    private final Consumer<SectionViewModel.PlacedStatement> onSelect;
    private final VBox root = new VBox(4);
    private final Label badge = new Label();
    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final VBox reasons = new VBox(2);
    /**
     * Shows the text while the model writes it. A text flow keeps its laid-out text between layout
     * passes (a wrapped label lays its text out again for every size query), so a growing text costs
     * one layout per frame.
     */
    private final Text previewText = new Text();
    private final TextFlow preview = new TextFlow(previewText);
    private final Label placeholder = new Label();
    private SectionViewModel.PlacedStatement selected;
    private boolean updating;
    private boolean paintPending;
    /** What the text and reasons show now, so a redraw that changes nothing costs nothing. */
    private List<Run> painted = List.of();
    private String paintedText = "";
    private List<Reason> reasonsShown = List.of();

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
        Label title = new org.medscribe.ui.WrappingLabel(section.title());
        title.getStyleClass().add("section-title");
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        badge.getStyleClass().add("section-badge");
        badge.managedProperty().bind(badge.visibleProperty());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(8, title, badge);
        header.setAlignment(Pos.CENTER_LEFT);

        area.setWrapText(true);
        org.medscribe.ui.Editors.tabMovesFocus(area);
        area.getStyleClass().add("section-text");
        area.setAccessibleText(section.title());
        placeholder.getStyleClass().add("section-placeholder");
        placeholder.setWrapText(true);
        // The area lays its placeholder out at the placeholder's preferred width: give it the area's
        // width, so the line wraps there instead of running off both sides.
        placeholder.prefWidthProperty().bind(area.widthProperty().subtract(24));
        placeholder.maxWidthProperty().bind(area.widthProperty().subtract(24));
        placeholder.setMinHeight(Region.USE_PREF_SIZE);
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
        previewText.getStyleClass().add("section-preview-text");
        preview.setMaxWidth(Double.MAX_VALUE);
        preview.managedProperty().bind(preview.visibleProperty());
        preview.setVisible(false);
        area.managedProperty().bind(area.visibleProperty());
        reasons.getStyleClass().add("section-reasons");
        reasons.managedProperty().bind(reasons.visibleProperty());
        reasons.setVisible(false); // until a statement needs a reason
        root.getChildren().addAll(header, preview, area, reasons);
    }

    private void activate(ListenerScope scope) {
        Scene scene = root.getScene();
        Runnable beforeLayout = () -> {
            if (paintPending) {
                paintPending = false;
                paintNow();
            }
        };
        scene.addPreLayoutPulseListener(beforeLayout);
        scope.onClose(() -> scene.removePreLayoutPulseListener(beforeLayout));
        scope.watch(section.text(), now -> {
            if (streaming()) {
                previewText.setText(now);
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
        scope.watchAll(this::refreshState, section.state(), section.editedByDoctor(), section.interrupted());
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
        SectionViewModel.State state = section.state().get();
        placeholder.setText(state == SectionViewModel.State.NOT_DOCUMENTED || state == SectionViewModel.State.DRAFTED
                ? messages.get("record.section.emptyToFill")
                : state == SectionViewModel.State.NOT_DRAFTED ? messages.get("record.section.notDraftedToFill") : "");
        preview.setVisible(streaming);
        area.setVisible(!streaming);
        if (streaming) {
            previewText.setText(section.text().get());
        } else if (!section.text().get().equals(area.getText())) {
            updating = true;
            try {
                area.replaceText(section.text().get());
            } finally {
                updating = false;
            }
            paint();
        }
        String stateClass = null;
        String badgeKey = null;
        SectionViewModel.Interruption interrupted = section.interrupted().get();
        if (interrupted != null) {
            // Said before "edited by you": the draft did not reach this section, whatever it shows.
            stateClass = "stopped";
            badgeKey = state == SectionViewModel.State.NOT_DRAFTED ? switch (interrupted) {
                case CANCELLED -> "record.section.notDrafted.cancelled";
                case ENGINE_STOPPED -> "record.section.notDrafted.engineStopped";
                case FAILED -> "record.section.notDrafted.failed";
            } : switch (interrupted) {
                case CANCELLED -> "record.section.earlierKept.cancelled";
                case ENGINE_STOPPED -> "record.section.earlierKept.engineStopped";
                case FAILED -> "record.section.earlierKept.failed";
            };
        } else if (section.editedByDoctor().get()) {
            stateClass = "doctor-edited";
            badgeKey = "record.section.edited";
        } else {
            switch (section.state().get()) {
                case STREAMING -> {
                    stateClass = "streaming";
                    badgeKey = "record.section.streaming";
                }
                case NOT_DOCUMENTED -> {
                    stateClass = "not-documented";
                    badgeKey = "draft.section.notDocumented";
                }
                case STOPPED -> {
                    stateClass = "stopped";
                    badgeKey = "record.section.stopped";
                }
                case WAITING -> stateClass = "waiting";
                case DRAFTED -> badgeKey = null;
                case NOT_DRAFTED -> stateClass = "stopped";
            }
        }
        // Pseudo-classes, not style classes: a style class change restyles the whole card from
        // scratch, rich text included, which costs frames while a draft streams in.
        for (String name : STATE_CLASSES) {
            root.pseudoClassStateChanged(PseudoClass.getPseudoClass(name), name.equals(stateClass));
        }
        badge.setVisible(badgeKey != null);
        badge.setText(badgeKey == null ? "" : messages.get(badgeKey));
        badge.setId(badgeKey == null ? null : "badge-" + section.id());
    }

    /**
     * Asks for the marks and reasons to be redrawn just before the next layout. Several changes in
     * one frame (new text, its statements, their flags) become one redraw after them, laid out in
     * that same frame.
     */
    private void paint() {
        paintPending = true;
        Platform.requestNextPulse();
    }

    private void paintNow() {
        int length = area.getLength();
        List<Mark> marks = new ArrayList<>();
        List<Reason> lines = new ArrayList<>();
        for (SectionViewModel.PlacedStatement statement : section.statements()) {
            int start = Math.min(statement.start(), length);
            int end = Math.min(statement.end(), length);
            if (end > start) {
                marks.add(new Mark(start, end, classesOf(statement)));
            }
            if (!statement.supported()) {
                String why = statement.unsupportedReason() == null ? ""
                        : " " + statement.unsupportedReason().in(messages);
                lines.add(new Reason(MaterialDesignA.ALERT_OUTLINE, "reason-unsupported",
                        messages.get("record.statement.unsupported", quote(statement.text())) + why));
                for (String passage : statement.cited()) {
                    lines.add(new Reason(MaterialDesignF.FORMAT_QUOTE_OPEN, "reason-cited",
                            messages.get("record.statement.cited", shortened(passage))));
                }
            }
            for (MessageKey flag : statement.flags()) {
                lines.add(new Reason(MaterialDesignA.ALERT_CIRCLE_OUTLINE, "reason-flag",
                        messages.get("record.statement.flag", quote(statement.text()), flag.in(messages))));
            }
        }
        for (MessageKey flag : section.sectionFlags()) {
            lines.add(new Reason(MaterialDesignP.PLAYLIST_REMOVE, "reason-flag", flag.in(messages)));
        }
        SectionViewModel.Span finding = section.findingSpan().get();
        if (finding != null && finding.end() <= length && finding.end() > finding.start()) {
            // Over the statement styles, so a finding inside an unsupported statement shows both.
            marks.add(new Mark(finding.start(), finding.end(), List.of("finding-highlight")));
        }
        List<Run> runs = runs(marks, length);
        if (!runs.equals(painted) || !area.getText().equals(paintedText)) {
            StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
            runs.forEach(run -> spans.add(run.classes(), run.length()));
            if (length > 0) {
                area.setStyleSpans(0, spans.create()); // one change: the text is laid out once
            }
            painted = runs;
            paintedText = area.getText();
        }
        if (!lines.equals(reasonsShown)) {
            reasons.getChildren().setAll(lines.stream().map(SectionCard::reason).toList());
            reasons.setVisible(!lines.isEmpty());
            reasonsShown = lines;
        }
    }

    /** A span to mark with style classes; later marks add their classes to earlier ones. */
    private record Mark(int start, int end, List<String> classes) {
    }

    /** A run of characters with the same classes, in order from the start of the text. */
    private record Run(int length, List<String> classes) {
    }

    /** A cited passage as a reason line shows it: at most about two lines. */
    private static String shortened(String passage) {
        String oneLine = passage.replaceAll("\\s+", " ");
        return oneLine.length() <= 240 ? oneLine : oneLine.substring(0, 239) + "…";
    }

    /** A reason line under the text. */
    private record Reason(org.kordamp.ikonli.Ikon icon, String styleClass, String text) {
    }

    private static List<Run> runs(List<Mark> marks, int length) {
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>(List.of(0, length));
        for (Mark mark : marks) {
            cuts.add(mark.start());
            cuts.add(mark.end());
        }
        List<Run> runs = new ArrayList<>();
        Integer from = cuts.first();
        for (Integer to : cuts.tailSet(from, false)) {
            if (to > length) {
                break;
            }
            List<String> classes = new ArrayList<>();
            for (Mark mark : marks) {
                if (mark.start() <= from && mark.end() >= to) {
                    classes.addAll(mark.classes());
                }
            }
            int last = runs.size() - 1;
            if (last >= 0 && runs.get(last).classes().equals(classes)) {
                runs.set(last, new Run(runs.get(last).length() + to - from, classes));
            } else {
                runs.add(new Run(to - from, List.copyOf(classes)));
            }
            from = to;
        }
        return runs;
    }

    private List<String> classesOf(SectionViewModel.PlacedStatement statement) {
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

    private static Label reason(Reason reason) {
        Label label = new WrappingLabel(reason.text(), new FontIcon(reason.icon()));
        label.getStyleClass().addAll("section-reason", reason.styleClass());
        label.setWrapText(true);
        return label;
    }

    private static String quote(String text) {
        String single = text.replace('\n', ' ').strip();
        return single.length() <= QUOTE_LENGTH ? single : single.substring(0, QUOTE_LENGTH - 1) + "…";
    }
}
