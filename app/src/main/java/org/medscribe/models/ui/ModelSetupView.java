package org.medscribe.models.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.WrappingLabel;

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
    @FXML private VBox catalog;
    @FXML private Button backButton;
    private final javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane();

    public ModelSetupView(ModelSetupViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
    }

    /** The panel, scrolling when the column is shorter than it. */
    public Node root() {
        return scroll;
    }

    /**
     * Offers "Back to the record" while {@code available} holds (a model is loaded and the panel was
     * opened from the menu); {@code back} closes the panel.
     */
    public void offerBack(javafx.beans.value.ObservableBooleanValue available, Runnable back) {
        backButton.visibleProperty().bind(available);
        backButton.setOnAction(event -> back.run());
    }

    @FXML
    private void initialize() {
        chooseButton.setOnAction(event -> model.chooseFile());
        useButton.setOnAction(event -> model.useModel());
        folderButton.setOnAction(event -> model.openModelsFolder());
        inspection.managedProperty().bind(inspection.visibleProperty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        backButton.managedProperty().bind(backButton.visibleProperty());
        backButton.setVisible(false);
        scroll.setContent(root);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("model-setup-scroll");
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
        scope.watchList(model.catalog(), this::renderCatalog);
    }

    /** One card a recommended model; everything in it wraps in a narrow column. */
    private void renderCatalog() {
        List<Node> cards = new ArrayList<>();
        for (CatalogEntry entry : model.catalog()) {
            Label name = new WrappingLabel(entry.name());
            name.getStyleClass().add("catalog-name");
            Label facts = new WrappingLabel(String.join(" · ",
                    messages.get("model.catalog.size") + ": " + bytes(entry.sizeBytes()),
                    messages.get("model.catalog.licence") + ": " + entry.licence(),
                    messages.get("model.catalog.languages") + ": " + entry.languages()));
            Label note = new WrappingLabel(entry.note().in(messages));
            note.getStyleClass().add("hint");
            VBox card = new VBox(2, name, facts, note);
            card.getStyleClass().add("catalog-card");
            cards.add(card);
        }
        if (cards.isEmpty()) {
            cards.add(new WrappingLabel(messages.get("model.catalog.empty")));
        }
        catalog.getChildren().setAll(cards);
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
