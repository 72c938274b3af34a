package org.medscribe.review.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.PaneView;

/**
 * The signing panel: the record's status (signer, time, content hash once signed), Sign / Amend /
 * Export PDF, and the signed records and draft versions, oldest first.
 */
public final class SigningView extends PaneView<SigningViewModel, VBox> {

    private final DateTimeFormatter times;
    private final Label status = new Label();
    private final VBox details = new VBox(3);
    private final Button sign = new Button();
    private final Button amend = new Button();
    private final Button export = new Button();
    private final Button requestCosign = new Button();
    private final Button cosign = new Button();
    private final Label message = new Label();
    private final VBox history = new VBox(4);

    public SigningView(SigningViewModel model, Messages messages) {
        super(model, messages, new VBox(8));
        this.times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(messages.locale())
                .withZone(ZoneId.systemDefault());
    }


    @Override
    protected void build() {
        root.setId("signing-pane");
        root.getStyleClass().add("signing-pane");
        root.setPadding(new Insets(8));
        status.setId("signing-status");
        status.getStyleClass().add("signing-status");
        status.setWrapText(true);
        details.setId("signing-details");
        sign.setId("sign-record");
        sign.setGraphic(new FontIcon(MaterialDesignS.SIGNATURE_FREEHAND));
        sign.getStyleClass().add("accent");
        sign.setTooltip(new Tooltip(messages.get("signing.sign.tooltip")));
        sign.setOnAction(event -> model.sign());
        amend.setId("amend-record");
        amend.setText(messages.get("signing.amend"));
        amend.setGraphic(new FontIcon(MaterialDesignP.PENCIL_OUTLINE));
        amend.setTooltip(new Tooltip(messages.get("signing.amend.tooltip")));
        amend.setOnAction(event -> model.startAmendment());
        amend.managedProperty().bind(amend.visibleProperty());
        export.setId("export-pdf");
        export.setText(messages.get("signing.export"));
        export.setGraphic(new FontIcon(MaterialDesignF.FILE_PDF_BOX));
        export.setOnAction(event -> model.exportPdf());
        requestCosign.setId("request-cosign");
        requestCosign.setText(messages.get("signing.cosign.request"));
        requestCosign.setTooltip(new Tooltip(messages.get("signing.cosign.request.tooltip")));
        requestCosign.setOnAction(event -> model.requestCosignature());
        requestCosign.managedProperty().bind(requestCosign.visibleProperty());
        cosign.setId("cosign-record");
        cosign.setText(messages.get("signing.cosign"));
        cosign.setGraphic(new FontIcon(MaterialDesignS.SIGNATURE_FREEHAND));
        cosign.setOnAction(event -> model.cosign());
        cosign.managedProperty().bind(cosign.visibleProperty());
        FlowPane actions = new FlowPane(8, 6, sign, amend, export, requestCosign, cosign);
        actions.setAlignment(Pos.CENTER_LEFT);
        message.setId("signing-message");
        message.getStyleClass().add("inline-message");
        message.setWrapText(true);
        message.managedProperty().bind(message.visibleProperty());
        Label versionsTitle = new Label(messages.get("signing.versions"), new FontIcon(MaterialDesignH.HISTORY));
        versionsTitle.getStyleClass().add("subsection-title");
        history.setId("signing-history");
        VBox content = new VBox(8, status, details, actions, message, versionsTitle, history);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().add(scroll);
    }

    @Override
    protected void activate(ListenerScope scope) {
        scope.watchAll(this::refresh, model.status(), model.latest(), model.busy(), model.cosignState());
        scope.watch(model.message(), key -> {
            message.setVisible(key != null);
            message.setText(key == null ? "" : key.in(messages));
        });
        scope.watchAll(this::renderHistory, model.signed(), model.versions());
        scope.watch(model.openedVersion(), version -> {
            if (version != null) {
                show(VersionDialog.reading(window(), messages, version));
            }
        });
        scope.watch(model.comparison(), comparison -> {
            if (comparison != null) {
                show(VersionDialog.comparing(window(), messages, comparison));
            }
        });
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** Shows a version's dialog without waiting (the record stays readable beside it). */
    private void show(javafx.scene.control.Dialog<Void> dialog) {
        dialog.setOnHidden(event -> model.closeVersion());
        dialog.show();
    }

    private void refresh() {
        SigningViewModel.Status now = model.status().get();
        Signing.SignedRecord record = model.latest().get();
        status.getStyleClass().removeAll("status-signed", "status-amending");
        status.setGraphic(null);
        switch (now) {
            case NO_ENCOUNTER -> status.setText(messages.get("signing.status.noEncounter"));
            case UNSIGNED -> status.setText(messages.get("signing.status.unsigned"));
            case SIGNED -> {
                status.setText(messages.get("signing.status.signed", record == null ? 1 : record.version()));
                status.setGraphic(new FontIcon(MaterialDesignL.LOCK_OUTLINE));
                status.getStyleClass().add("status-signed");
            }
            case AMENDING -> {
                status.setText(messages.get("signing.status.amending", record == null ? 1 : record.version()));
                status.getStyleClass().add("status-amending");
            }
        }
        sign.setText(messages.get(now == SigningViewModel.Status.AMENDING ? "signing.signAmendment" : "signing.sign"));
        sign.setDisable(model.busy().get() || now == SigningViewModel.Status.NO_ENCOUNTER
                || now == SigningViewModel.Status.SIGNED);
        amend.setVisible(now == SigningViewModel.Status.SIGNED);
        amend.setDisable(model.busy().get());
        export.setDisable(model.busy().get() || record == null);
        Signing.Cosign asked = model.cosignState().get();
        requestCosign.setVisible(now == SigningViewModel.Status.SIGNED && record != null && !asked.requested());
        cosign.setVisible(now == SigningViewModel.Status.SIGNED && asked.awaiting());
        requestCosign.setDisable(model.busy().get());
        cosign.setDisable(model.busy().get());
        details.getChildren().setAll(record == null ? List.of() : signedDetails(record));
    }

    private List<Node> signedDetails(Signing.SignedRecord record) {
        List<Node> lines = new ArrayList<>();
        String signer = record.signerRole() == null || record.signerRole().isBlank() ? record.signer()
                : record.signer() + " (" + record.signerRole() + ")";
        lines.add(line(messages.get("signing.signedBy", signer, times.format(record.signedAt())), "signed-by"));
        TextField hash = new TextField(record.contentSha256());
        hash.setId("signed-hash");
        hash.setEditable(false);
        hash.getStyleClass().add("hash-field");
        hash.setTooltip(new Tooltip(messages.get("signing.hash.tooltip")));
        lines.add(line(messages.get("signing.hash"), null));
        lines.add(hash);
        if (record.amendmentReason() != null) {
            lines.add(line(messages.get("signing.amendedFor", record.amendmentReason()), null));
        }
        Signing.Cosign asked = model.cosignState().get();
        if (asked.awaiting()) {
            lines.add(line(messages.get("signing.cosign.awaiting", asked.requestedBy()), "cosign-state"));
        } else if (asked.cosignedBy() != null) {
            lines.add(line(messages.get("signing.cosign.done", asked.cosignedBy()), "cosign-state"));
        }
        if (record.overridden() > 0) {
            lines.add(line(messages.get("signing.overridden", record.overridden(), record.overrideReason()),
                    "signed-override"));
        }
        return lines;
    }

    private void renderHistory() {
        List<Node> lines = new ArrayList<>();
        for (Signing.SignedRecord record : model.signed()) {
            String text = record.amendmentReason() == null
                    ? messages.get("signing.history.signed", record.version(), record.signer(),
                            times.format(record.signedAt()), shortHash(record.contentSha256()))
                    : messages.get("signing.history.amended", record.version(), record.signer(),
                            times.format(record.signedAt()), shortHash(record.contentSha256()),
                            record.amendmentReason());
            Label entry = line(text, "history-signed");
            Button open = new Button(messages.get("signing.version.open"));
            open.setId("open-version-" + record.version());
            open.getStyleClass().add("small");
            open.setOnAction(event -> model.openVersion(record.version()));
            FlowPane actions = new FlowPane(6, 4, open);
            if (record.version() > 1) {
                Button compare = new Button(messages.get("signing.version.compare", record.version() - 1));
                compare.setId("compare-version-" + record.version());
                compare.getStyleClass().add("small");
                compare.setOnAction(event -> model.compare(record.version() - 1, record.version()));
                actions.getChildren().add(compare);
            }
            lines.add(new VBox(2, entry, actions));
        }
        for (Signing.Version version : model.versions()) {
            lines.add(line(messages.get(version.generated() ? "signing.history.generated" : "signing.history.edited",
                    version.number(), version.author() == null ? "" : version.author(),
                    times.format(version.at())), "history-version"));
        }
        if (lines.isEmpty()) {
            lines.add(line(messages.get("signing.history.none"), null));
        }
        history.getChildren().setAll(lines);
    }

    private static String shortHash(String sha) {
        return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12) + "…";
    }

    private static Label line(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        if (styleClass != null) {
            label.getStyleClass().add(styleClass);
        }
        return label;
    }
}
