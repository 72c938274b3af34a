package org.medscribe.settings.ui;

import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.MessageKey;

/**
 * The settings form (FXML: {@code Settings.fxml}), shown in a dialog. The view-model holds the
 * edits and validates them; the dialog's OK applies.
 */
public final class SettingsView {

    private final SettingsViewModel model;
    private final Messages messages;
    private final Map<String, String> templates;

    @FXML private VBox root;
    @FXML private TextField modelPath;
    @FXML private Button chooseModel;
    @FXML private Spinner<Integer> threads;
    @FXML private Spinner<Integer> contextSize;
    @FXML private Spinner<Integer> gpuLayers;
    @FXML private TextField nativeDir;
    @FXML private Button chooseNativeDir;
    @FXML private ComboBox<String> language;
    @FXML private ComboBox<String> template;
    @FXML private ComboBox<String> theme;
    @FXML private Spinner<Double> fontSize;
    @FXML private Label modelPathError;
    @FXML private Label threadsError;
    @FXML private Label contextSizeError;
    @FXML private Label gpuLayersError;
    @FXML private Label nativeDirError;
    @FXML private Label fontSizeError;
    @FXML private TextField clinicName;
    @FXML private javafx.scene.control.TextArea clinicAddress;
    @FXML private TextField clinicLogo;
    @FXML private Button chooseLogo;
    @FXML private Label clinicLogoError;
    @FXML private TextField clinicianName;
    @FXML private TextField clinicianRole;
    @FXML private Label clinicianNameError;

    /** @param templates record template id → its title */
    public SettingsView(SettingsViewModel model, Messages messages, Map<String, String> templates) {
        this.model = model;
        this.messages = messages;
        this.templates = templates;
    }

    public Node root() {
        return root;
    }

    @FXML
    private void initialize() {
        threads.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 256, 0));
        contextSize.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(
                SettingsViewModel.MIN_CONTEXT, SettingsViewModel.MAX_CONTEXT, 4096, 512));
        gpuLayers.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 999, 0));
        fontSize.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(
                SettingsViewModel.MIN_FONT, SettingsViewModel.MAX_FONT, 13, 1));
        for (Spinner<?> spinner : new Spinner<?>[] {threads, contextSize, gpuLayers, fontSize}) {
            spinner.setEditable(true);
        }
        language.getItems().setAll(SettingsViewModel.LANGUAGES);
        language.setCellFactory(list -> cell("settings.language."));
        language.setButtonCell(cell("settings.language."));
        theme.getItems().setAll(SettingsViewModel.THEMES);
        theme.setCellFactory(list -> cell("settings.theme."));
        theme.setButtonCell(cell("settings.theme."));
        template.getItems().setAll(templates.keySet());
        template.setCellFactory(list -> templateCell());
        template.setButtonCell(templateCell());
        chooseModel.setOnAction(event -> model.chooseModel());
        chooseNativeDir.setOnAction(event -> model.chooseNativeDir());
        chooseLogo.setOnAction(event -> model.chooseLogo());
        ListenerScope.whileShown(root, this::activate);
    }

    private void activate(ListenerScope scope) {
        scope.bindBidirectional(modelPath.textProperty(), model.modelPath());
        scope.bindBidirectional(nativeDir.textProperty(), model.customNativeDir());
        scope.bindBidirectional(language.valueProperty(), model.uiLanguage());
        scope.bindBidirectional(theme.valueProperty(), model.theme());
        scope.bindBidirectional(template.valueProperty(), model.defaultTemplate());
        scope.bindBidirectional(clinicName.textProperty(), model.clinicName());
        scope.bindBidirectional(clinicAddress.textProperty(), model.clinicAddress());
        scope.bindBidirectional(clinicLogo.textProperty(), model.clinicLogo());
        scope.bindBidirectional(clinicianName.textProperty(), model.clinicianName());
        scope.bindBidirectional(clinicianRole.textProperty(), model.clinicianRole());
        bindSpinner(scope, threads, model.threads().asObject());
        bindSpinner(scope, contextSize, model.contextSize().asObject());
        bindSpinner(scope, gpuLayers, model.gpuLayers().asObject());
        bindSpinner(scope, fontSize, model.fontSize().asObject());
        scope.watchAll(this::showErrors, model.errors());
    }

    private static <T> void bindSpinner(ListenerScope scope, Spinner<T> spinner, javafx.beans.property.Property<T> value) {
        spinner.getValueFactory().setValue(value.getValue());
        scope.bindBidirectional(spinner.getValueFactory().valueProperty(), value);
    }

    private void showErrors() {
        show(modelPathError, "modelPath");
        show(threadsError, "threads");
        show(contextSizeError, "contextSize");
        show(gpuLayersError, "gpuLayers");
        show(nativeDirError, "customNativeDir");
        show(fontSizeError, "fontSize");
        show(clinicLogoError, "clinicLogo");
        show(clinicianNameError, "clinicianName");
    }

    private void show(Label label, String field) {
        MessageKey error = model.errors().get(field);
        label.setManaged(error != null);
        label.setVisible(error != null);
        label.setText(error == null ? "" : error.in(messages));
    }

    private ListCell<String> cell(String keyPrefix) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : messages.get(keyPrefix + item));
            }
        };
    }

    private ListCell<String> templateCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : messages.getOrDefault("template." + item, templates.getOrDefault(item, item)));
            }
        };
    }
}
