package org.medscribe.diagnosis.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.medscribe.ui.WrappingLabel;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.PaneView;
import org.medscribe.ui.PaneParts;

/**
 * The suggestions pane: ranked differential with findings for and against (click one to see its
 * evidence), red flags, investigations, follow-up questions with answer fields, and Update.
 */
public final class SuggestionsView extends PaneView<SuggestionsViewModel, VBox> {

    private final VBox content = new VBox(10);
    private final Label message = new Label();
    private final Button suggest = new Button();
    private final Button update = new Button();
    private final ProgressIndicator spinner = new ProgressIndicator();

    public SuggestionsView(SuggestionsViewModel model, Messages messages) {
        super(model, messages, new VBox(6));
    }


    @Override
    protected void build() {
        PaneParts.pane(root, "suggestions-pane", "suggestions-pane");
        PaneParts.action(suggest, "suggest-button", messages.get("diagnosis.suggest"),
                MaterialDesignL.LIGHTBULB_ON_OUTLINE, null, model::suggest);
        PaneParts.action(update, "update-suggestions", messages.get("diagnosis.update"), MaterialDesignR.REFRESH,
                null, model::update);
        HBox actions = new HBox(8, suggest, PaneParts.spinner(spinner));
        actions.setAlignment(Pos.CENTER_LEFT);
        Label note = PaneParts.note(new WrappingLabel(messages.get("diagnosis.note")), "hint");
        note.setMinHeight(Region.USE_PREF_SIZE);
        PaneParts.note(message, "inline-message");
        root.getChildren().addAll(actions, note, message, PaneParts.body(content));
    }

    @Override
    protected void activate(ListenerScope scope) {
        scope.watch(model.state(), state -> {
            boolean loading = state == SuggestionsViewModel.State.LOADING;
            spinner.setVisible(loading);
            suggest.setDisable(loading);
            update.setDisable(loading);
        });
        PaneParts.showMessages(scope, model.message(), message, messages);
        scope.watchAll(this::render, model.differential(), model.redFlags(), model.investigations(),
                model.questions(), model.decisions(), model.answered());
    }

    private void render() {
        List<Node> nodes = new ArrayList<>();
        if (!model.differential().isEmpty()) {
            nodes.add(heading("diagnosis.differential"));
            int rank = 1;
            for (DiagnosticSuggesting.Diagnosis diagnosis : model.differential()) {
                nodes.add(diagnosisCard(rank++, diagnosis));
            }
        }
        if (!model.redFlags().isEmpty()) {
            nodes.add(heading("diagnosis.redFlags"));
            model.redFlags().forEach(flag -> nodes.add(line(flag, "red-flag", MaterialDesignA.ALERT_OCTAGON_OUTLINE)));
        }
        if (!model.investigations().isEmpty()) {
            nodes.add(heading("diagnosis.investigations"));
            model.investigations().forEach(test -> nodes.add(line(test, "investigation", null)));
        }
        if (!model.answered().isEmpty()) {
            nodes.add(heading("diagnosis.answered"));
            int index = 0;
            for (SuggestionsViewModel.Answered given : model.answered()) {
                nodes.add(answeredLine(index++, given));
            }
        }
        if (!model.questions().isEmpty()) {
            nodes.add(heading("diagnosis.questions"));
            int index = 0;
            for (SuggestionsViewModel.AnsweredQuestion question : model.questions()) {
                Label text = new WrappingLabel(question.question().text());
                text.setWrapText(true);
                TextField answer = new TextField(question.answer().get());
                answer.setId("answer-" + index++);
                answer.setPromptText(messages.get("diagnosis.answer"));
                answer.textProperty().addListener((obs, old, now) -> question.answer().set(now));
                VBox box = new VBox(3, text, answer);
                box.getStyleClass().add("question");
                nodes.add(box);
            }
            nodes.add(update);
        }
        content.getChildren().setAll(nodes);
    }

    /** An answer given: the question, the answer, and a button that adds it to the note. */
    private Node answeredLine(int index, SuggestionsViewModel.Answered given) {
        Label question = new WrappingLabel(given.question());
        question.getStyleClass().add("answered-question");
        Label answer = new WrappingLabel(given.answer());
        answer.setId("answered-" + index);
        answer.getStyleClass().add("answered-answer");
        javafx.scene.control.Button add = new javafx.scene.control.Button(messages.get("diagnosis.answer.addToNote"));
        add.setId("add-answer-" + index);
        add.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setTooltip(new javafx.scene.control.Tooltip(messages.get("diagnosis.answer.addToNote.tooltip")));
        add.setOnAction(event -> model.addToNote(given));
        HBox actions = new HBox(add);
        actions.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(3, question, answer, actions);
        box.getStyleClass().addAll("question", "answered");
        return box;
    }

    private Node diagnosisCard(int rank, DiagnosticSuggesting.Diagnosis diagnosis) {
        Label name = new WrappingLabel(rank + ". " + diagnosis.name());
        name.getStyleClass().add("diagnosis-name");
        name.setWrapText(true);
        Label code = new Label(diagnosis.icd10() == null ? "" : diagnosis.icd10());
        code.getStyleClass().add("icd-code");
        Label likelihood = new Label(diagnosis.likelihood() == null ? "" : diagnosis.likelihood().in(messages));
        likelihood.getStyleClass().add("likelihood");
        SuggestionsViewModel.Decision decided = model.decisions().get(diagnosis);
        ToggleButton keep = decisionButton("diagnosis.keep", "keep-" + rank,
                decided == SuggestionsViewModel.Decision.KEPT, () -> model.keep(diagnosis));
        ToggleButton discard = decisionButton("diagnosis.discard", "discard-" + rank,
                decided == SuggestionsViewModel.Decision.DISCARDED, () -> model.discard(diagnosis));
        code.setMinWidth(Region.USE_PREF_SIZE);
        likelihood.setMinWidth(Region.USE_PREF_SIZE);
        HBox tags = new HBox(6, code, likelihood);
        tags.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox decision = new HBox(6, spacer, keep, discard);
        decision.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(3, name, tags);
        card.getStyleClass().add("diagnosis-card");
        if (decided == SuggestionsViewModel.Decision.DISCARDED) {
            card.getStyleClass().add("diagnosis-discarded");
        }
        for (DiagnosticSuggesting.ClinicalFinding finding : diagnosis.findingsFor()) {
            card.getChildren().add(finding(finding, "finding-for", "diagnosis.for"));
        }
        for (DiagnosticSuggesting.ClinicalFinding finding : diagnosis.findingsAgainst()) {
            card.getChildren().add(finding(finding, "finding-against", "diagnosis.against"));
        }
        card.getChildren().add(decision);
        return card;
    }

    private ToggleButton decisionButton(String key, String id, boolean selected, Runnable action) {
        ToggleButton button = new ToggleButton(messages.get(key));
        button.setId(id);
        button.getStyleClass().addAll(atlantafx.base.theme.Styles.SMALL, "decision");
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setSelected(selected);
        // A decision is changed by choosing the other one, never by unpressing this one.
        button.setOnAction(event -> {
            button.setSelected(true);
            action.run();
        });
        return button;
    }

    private Node finding(DiagnosticSuggesting.ClinicalFinding finding, String styleClass, String prefixKey) {
        Hyperlink link = new Hyperlink(messages.get(prefixKey) + " " + finding.text());
        link.getStyleClass().addAll("finding", styleClass);
        if (!finding.supported()) {
            link.getStyleClass().add("finding-unsupported");
        }
        link.setWrapText(true);
        link.setOnAction(event -> model.selectFinding(finding));
        return link;
    }

    private Label heading(String key) {
        Label label = new WrappingLabel(messages.get(key));
        label.getStyleClass().add("subsection-title");
        return label;
    }

    private static Label line(String text, String styleClass, org.kordamp.ikonli.Ikon icon) {
        Label label = new WrappingLabel(text, icon == null ? null : new FontIcon(icon));
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }
}
