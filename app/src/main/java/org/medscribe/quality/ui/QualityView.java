package org.medscribe.quality.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.medscribe.i18n.Messages;
import org.medscribe.quality.RecordQuality;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.PaneView;
import org.medscribe.ui.PaneParts;
import org.medscribe.ui.WrappingLabel;

/**
 * The Quality tab: Check / Check with AI, the score and grade, and one card per finding (severity,
 * rule or model, section, message and fix in the UI language, the record-language message when it
 * differs, the model's evidence). Clicking a card shows the finding in the record.
 */
public final class QualityView extends PaneView<QualityViewModel, VBox> {

    private final VBox cards = new VBox(8);
    private final org.medscribe.ui.PacedChildren shown = new org.medscribe.ui.PacedChildren(cards, 2);
    private final Button check = new Button();
    private final Button checkModel = new Button();
    private final Button stop = new Button();
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label score = new Label();
    private final Label counts = new Label();
    private final Label outdated = new Label();
    private final Label message = new Label();

    public QualityView(QualityViewModel model, Messages messages) {
        super(model, messages, new VBox(6));
    }


    @Override
    protected void build() {
        PaneParts.pane(root, "quality-pane", "quality-pane");
        PaneParts.action(check, "quality-check", messages.get("quality.ui.check"),
                MaterialDesignC.CLIPBOARD_CHECK_OUTLINE, messages.get("quality.ui.check.tooltip"), model::check);
        PaneParts.action(checkModel, "quality-check-model", messages.get("quality.ui.checkModel"),
                MaterialDesignS.SPARKLES, messages.get("quality.ui.checkModel.tooltip"), model::checkWithModel);
        PaneParts.collapsing(PaneParts.action(stop, "quality-stop", messages.get("record.cancel"),
                MaterialDesignC.CLOSE_CIRCLE_OUTLINE, null, model::cancel));
        FlowPane actions = new FlowPane(8, 6, check, checkModel, PaneParts.spinner(spinner), stop);
        actions.setAlignment(Pos.CENTER_LEFT);

        score.setId("quality-score");
        PaneParts.note(score, "quality-score");
        counts.setId("quality-counts");
        PaneParts.note(counts, "hint");
        outdated.setText(messages.get("quality.ui.outdated"));
        PaneParts.note(outdated, "hint");
        PaneParts.inlineMessage(message, "quality-message");
        cards.setId("quality-findings");
        root.getChildren().addAll(actions, score, counts, outdated, message, PaneParts.body(cards));
    }

    @Override
    protected void activate(ListenerScope scope) {
        scope.watchAll(this::refreshButtons, model.state(), model.modelRunning());
        PaneParts.showMessages(scope, model.message(), message, messages);
        scope.watch(model.outdated(), outdated::setVisible);
        // An invalidation listener: a change listener would compare the old and new report in full.
        scope.watchAll(() -> showScore(model.report().get()), model.report());
        scope.watchList(model.findings(), this::render);
        scope.watch(model.selected(), selected -> render());
    }

    private void refreshButtons() {
        boolean checking = model.state().get() == QualityViewModel.State.CHECKING;
        spinner.setVisible(checking);
        stop.setVisible(model.modelRunning().get());
        check.setDisable(checking);
        checkModel.setDisable(checking);
    }

    private void showScore(RecordQuality.Report report) {
        score.setVisible(report != null);
        counts.setVisible(report != null);
        score.getStyleClass().removeAll("grade-A", "grade-B", "grade-C");
        if (report == null) {
            return;
        }
        score.setText(messages.get("quality.ui.score", report.score(), messages.get("quality.ui.grade." + report.grade())));
        score.getStyleClass().add("grade-" + report.grade());
        String blocked = report.signingBlocked() ? " " + messages.get("quality.ui.blocksSigning") : "";
        counts.setText(messages.get("quality.ui.counts", report.critical(), report.major(), report.minor()) + blocked);
    }

    private void render() {
        List<java.util.function.Supplier<Node>> nodes = new ArrayList<>();
        RecordQuality.Report report = model.report().get();
        if (report != null && model.findings().isEmpty()) {
            Label none = new Label(messages.get("quality.ui.none"), new FontIcon(MaterialDesignC.CHECK_CIRCLE_OUTLINE));
            none.getStyleClass().add("good");
            nodes.add(() -> none);
        }
        int index = 0;
        String recordLanguage = report == null ? "en" : report.recordLanguage();
        for (RecordQuality.Finding finding : List.copyOf(model.findings())) {
            int at = index++;
            nodes.add(() -> card(at, finding, recordLanguage));
        }
        // A record with many findings gets its cards over a few frames, most severe first.
        shown.show(nodes);
    }

    private Node card(int index, RecordQuality.Finding finding, String recordLanguage) {
        Label severity = new Label(messages.get("quality.ui.severity." + finding.severity()));
        severity.getStyleClass().addAll("severity-chip", "severity-" + finding.severity());
        Label source = new Label(messages.get("quality.ui.source." + finding.source()));
        source.getStyleClass().addAll("source-chip", "source-" + finding.source());
        severity.setMinWidth(Region.USE_PREF_SIZE);
        source.setMinWidth(Region.USE_PREF_SIZE);
        Label section = new WrappingLabel(finding.sectionTitle());
        section.getStyleClass().add("hint");
        javafx.scene.layout.FlowPane header = PaneParts.row(severity, source, section);

        Label text = new WrappingLabel(finding.message().in(messages.locale()));
        text.getStyleClass().add("finding-message");
        text.setWrapText(true);
        VBox card = new VBox(3, header, text);
        String recordText = finding.message().in(recordLanguage);
        if (!recordText.equals(text.getText())) {
            Label inRecordLanguage = new WrappingLabel(recordText);
            inRecordLanguage.getStyleClass().add("hint");
            inRecordLanguage.setWrapText(true);
            card.getChildren().add(inRecordLanguage);
        }
        if (finding.excerpt() != null) {
            Label excerpt = new WrappingLabel("“" + finding.excerpt() + "”");
            excerpt.getStyleClass().add("finding-excerpt");
            excerpt.setWrapText(true);
            card.getChildren().add(excerpt);
        }
        Label fix = new WrappingLabel(messages.get("quality.ui.fix", finding.fix().in(messages.locale())),
                new FontIcon(MaterialDesignA.ARROW_RIGHT));
        fix.getStyleClass().add("finding-fix");
        fix.setWrapText(true);
        card.getChildren().add(fix);
        if (finding.detail() != null && !finding.detail().in(messages.locale()).isBlank()) {
            Label detail = new WrappingLabel(messages.get(finding.fromModel() ? "quality.ui.modelSays" : "quality.ui.detail",
                    finding.detail().in(messages.locale())));
            detail.getStyleClass().add("hint");
            detail.setWrapText(true);
            card.getChildren().add(detail);
        }
        for (String quote : finding.quotes()) {
            if (!quote.isBlank()) {
                Label evidence = new WrappingLabel(messages.get("quality.ui.evidence", quote));
                evidence.getStyleClass().addAll("hint", "finding-evidence");
                evidence.setWrapText(true);
                card.getChildren().add(evidence);
            }
        }
        for (Node child : card.getChildren()) {
            if (child instanceof Label label) {
                label.setMinHeight(Region.USE_PREF_SIZE);
            }
        }
        card.setId("finding-" + index);
        card.getStyleClass().addAll("finding-card", "finding-" + finding.severity());
        if (finding == model.selected().get()) {
            card.getStyleClass().add("finding-selected");
        }
        card.setOnMouseClicked(event -> model.select(finding));
        return card;
    }
}
