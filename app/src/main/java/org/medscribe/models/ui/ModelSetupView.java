package org.medscribe.models.ui;

import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;

/**
 * The onboarding panel (Model setup): choose a GGUF file and see what inspection found, use it,
 * open the models folder, browse the recommended catalog. FXML: {@code ModelSetup.fxml}.
 */
public final class ModelSetupView {

    private final ModelSetupViewModel model;
    private final Messages messages;

    @FXML private VBox root;
    @FXML private Button chooseButton;
    @FXML private Button useButton;
    @FXML private Button folderButton;
    @FXML private VBox inspection;
    @FXML private Label fileValue;
    @FXML private Label architectureValue;
    @FXML private Label sizeValue;
    @FXML private Label quantizationValue;
    @FXML private Label parametersValue;
    @FXML private Label contextValue;
    @FXML private Label memoryValue;
    @FXML private Label fitsValue;
    @FXML private Label errorLabel;
    @FXML private Label stateLabel;
    @FXML private TableView<CatalogEntry> catalog;
    @FXML private TableColumn<CatalogEntry, String> catalogName;
    @FXML private TableColumn<CatalogEntry, String> catalogSize;
    @FXML private TableColumn<CatalogEntry, String> catalogLicence;
    @FXML private TableColumn<CatalogEntry, String> catalogLanguages;
    @FXML private TableColumn<CatalogEntry, String> catalogNote;

    public ModelSetupView(ModelSetupViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
    }

    public Node root() {
        return root;
    }

    @FXML
    private void initialize() {
        chooseButton.setOnAction(event -> model.chooseFile());
        useButton.setOnAction(event -> model.useModel());
        folderButton.setOnAction(event -> model.openModelsFolder());
        inspection.managedProperty().bind(inspection.visibleProperty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        catalogName.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        catalogSize.setCellValueFactory(cell -> new ReadOnlyStringWrapper(bytes(cell.getValue().sizeBytes())));
        catalogLicence.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().licence()));
        catalogLanguages.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().languages()));
        catalogNote.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().note().in(messages)));
        catalog.setItems(model.catalog());
        // Wrapped labels in a grid or a box are cut to one line unless they may be as tall as they need.
        root.lookupAll(".label").forEach(node -> ((javafx.scene.layout.Region) node)
                .setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE));
        for (Label value : new Label[] {contextValue, memoryValue, fileValue, errorLabel}) {
            value.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        ListenerScope.whileShown(root, this::activate);
        model.refreshCatalog();
    }

    private void activate(ListenerScope scope) {
        scope.watchAll(this::render, model.state(), model.facts(), model.error());
    }

    private void render() {
        ModelFacts facts = model.facts().get();
        inspection.setVisible(facts != null);
        if (facts != null) {
            fileValue.setText(facts.file().getFileName().toString());
            architectureValue.setText(orUnknown(facts.architecture()));
            sizeValue.setText(bytes(facts.fileBytes()));
            quantizationValue.setText(orUnknown(facts.quantization()));
            parametersValue.setText(facts.parameterCount() <= 0 ? messages.get("model.value.unknown")
                    : parameters(facts.parameterCount()));
            contextValue.setText(facts.trainedContext() <= 0 ? messages.get("model.value.unknown")
                    : messages.get("model.value.context", facts.trainedContext(), facts.contextSize()));
            memoryValue.setText(facts.estimatedBytes() <= 0 ? messages.get("model.value.unknown")
                    : messages.get("model.value.memory", bytes(facts.estimatedBytes()), bytes(facts.availableBytes())));
            fitsValue.setText(messages.get(facts.estimatedBytes() <= 0 ? "model.value.unknown"
                    : facts.fits() ? "model.value.fits" : "model.value.doesNotFit"));
            fitsValue.getStyleClass().removeAll("good", "bad");
            if (facts.estimatedBytes() > 0) {
                fitsValue.getStyleClass().add(facts.fits() ? "good" : "bad");
            }
        }
        errorLabel.setVisible(model.error().get() != null);
        errorLabel.setText(model.error().get() == null ? "" : model.error().get().in(messages));
        ModelSetupViewModel.State state = model.state().get();
        useButton.setDisable(!model.canUse());
        stateLabel.setText(switch (state) {
            case INSPECTING -> messages.get("model.state.inspecting");
            case LOADING -> messages.get("model.state.loading");
            default -> "";
        });
    }

    private String orUnknown(String value) {
        return value == null || value.isBlank() ? messages.get("model.value.unknown") : value;
    }

    /** Sizes in the units a user reads on a download page. */
    static String bytes(long value) {
        if (value >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", value / (double) (1L << 30));
        }
        if (value >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MB", value / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.0f KB", Math.max(1, value / 1024.0));
    }

    static String parameters(long count) {
        if (count >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f B", count / 1e9);
        }
        if (count >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f M", count / 1e6);
        }
        return String.format(Locale.ROOT, "%,d", count);
    }
}
