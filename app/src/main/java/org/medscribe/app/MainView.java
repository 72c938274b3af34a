package org.medscribe.app;

import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.medscribe.capture.ui.SourcesView;
import org.medscribe.diagnosis.ui.SuggestionsView;
import org.medscribe.draft.ui.RecordView;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.EngineState;
import org.medscribe.models.ui.EngineBanner;
import org.medscribe.models.ui.ModelSetupView;
import org.medscribe.models.ui.ModelSetupViewModel;
import org.medscribe.models.ui.StatusBarView;
import org.medscribe.quality.ui.QualityView;
import org.medscribe.review.ui.EncounterListView;
import org.medscribe.review.ui.SigningView;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.ViewLoader;

/**
 * The main window's controller (FXML: {@code Main.fxml}): places the column views, wires the menus
 * and the keyboard map to the view-models, shows the onboarding panel while there is no model.
 * Holds no state of its own beyond what is on screen: a language switch replaces it with a new one
 * over the same {@link Workspace}.
 */
public final class MainView {

    /** What the window does beyond the workspace: dialogs, language, look, exit. */
    public interface Actions {
        void openSettings();

        void switchLanguage(String language);

        void setTheme(String theme);

        void changeFontSize(double delta);

        void exit();

        /** Gives a dialog the window's theme and text size, and keeps the window as it was meanwhile. */
        void style(javafx.scene.control.Dialog<?> dialog);
    }

    private final Workspace workspace;
    private final Messages messages;
    private final ViewLoader loader;
    private final Actions actions;

    @FXML private BorderPane root;
    @FXML private StackPane bannerSlot;
    @FXML private javafx.scene.control.Label toast;
    @FXML private SplitPane columns;
    @FXML private StackPane encounterSlot;
    @FXML private StackPane sourcesSlot;
    @FXML private StackPane recordSlot;
    @FXML private StackPane statusSlot;
    @FXML private TabPane sideTabs;
    @FXML private Tab suggestionsTab;
    @FXML private Tab qualityTab;
    @FXML private Tab signingTab;
    @FXML private MenuItem newEncounterItem;
    @FXML private MenuItem importItem;
    @FXML private MenuItem saveItem;
    @FXML private MenuItem settingsItem;
    @FXML private MenuItem exitItem;
    @FXML private MenuItem draftItem;
    @FXML private MenuItem cancelItem;
    @FXML private MenuItem nextSectionItem;
    @FXML private MenuItem previousSectionItem;
    @FXML private MenuItem copyItem;
    @FXML private MenuItem suggestItem;
    @FXML private MenuItem chooseModelItem;
    @FXML private MenuItem restartEngineItem;
    @FXML private MenuItem modelsFolderItem;
    @FXML private RadioMenuItem englishItem;
    @FXML private RadioMenuItem chineseItem;
    @FXML private RadioMenuItem lightItem;
    @FXML private RadioMenuItem darkItem;
    @FXML private MenuItem largerItem;
    @FXML private MenuItem smallerItem;
    @FXML private MenuItem shortcutsItem;
    @FXML private MenuItem aboutItem;

    private RecordView recordView;
    private final javafx.scene.layout.VBox recordColumn = new javafx.scene.layout.VBox();
    private final javafx.scene.control.Label signedBanner = new javafx.scene.control.Label();
    private final javafx.scene.control.Label autosaveLabel = new javafx.scene.control.Label();
    private ModelSetupView modelSetupView;
    private SourcesView sourcesView;
    private EncounterListView encounterView;
    private boolean onboardingRequested;
    private final PauseTransition toastTimer = new PauseTransition(Duration.seconds(2.5));

    public MainView(Workspace workspace, Messages messages, ViewLoader loader, Actions actions) {
        this.workspace = workspace;
        this.messages = messages;
        this.loader = loader;
        this.actions = actions;
    }

    public BorderPane root() {
        return root;
    }

    public RecordView recordView() {
        return recordView;
    }

    public SourcesView sourcesView() {
        return sourcesView;
    }

    @FXML
    private void initialize() {
        encounterView = new EncounterListView(workspace.encounterList(), messages);
        sourcesView = new SourcesView(workspace.sources(), messages);
        recordView = new RecordView(workspace.record(), messages);
        modelSetupView = loader.load(ModelSetupView.class, "ModelSetup.fxml");
        // Opened from Model → Choose model over a loaded model: the way back to the record.
        modelSetupView.offerBack(javafx.beans.binding.Bindings.equal(workspace.engineStatus().state(), EngineState.READY),
                () -> {
                    onboardingRequested = false;
                    refreshRecordSlot();
                });
        encounterSlot.getChildren().setAll(encounterView.root());
        sourcesSlot.getChildren().setAll(sourcesView.root());
        suggestionsTab.setContent(new SuggestionsView(workspace.suggestions(), messages).root());
        if (workspace.quality() != null) {
            qualityTab.setContent(new QualityView(workspace.quality(), messages).root());
        } else {
            sideTabs.getTabs().remove(qualityTab);
        }
        if (workspace.signing() != null) {
            signingTab.setContent(new SigningView(workspace.signing(), messages).root());
        } else {
            sideTabs.getTabs().remove(signingTab);
        }
        signedBanner.setId("signed-banner");
        signedBanner.getStyleClass().add("signed-banner");
        signedBanner.setWrapText(true);
        signedBanner.setMaxWidth(Double.MAX_VALUE);
        signedBanner.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        signedBanner.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(
                org.kordamp.ikonli.materialdesign2.MaterialDesignL.LOCK_OUTLINE));
        signedBanner.managedProperty().bind(signedBanner.visibleProperty());
        signedBanner.setVisible(false);
        signedBanner.setOnMouseClicked(event -> sideTabs.getSelectionModel().select(signingTab));
        javafx.scene.layout.VBox.setVgrow(recordView.root(), javafx.scene.layout.Priority.ALWAYS);
        recordColumn.getChildren().setAll(new org.medscribe.review.ui.EncounterHeader(workspace.openEncounter(), messages)
                .root(), signedBanner, recordView.root());
        autosaveLabel.setId("autosave-status");
        autosaveLabel.getStyleClass().add("autosave-status");
        autosaveLabel.setPadding(new javafx.geometry.Insets(0, 8, 0, 8));
        bannerSlot.getChildren().setAll(new EngineBanner(workspace.engineStatus(), messages).root());
        javafx.scene.Node statusBar = new StatusBarView(workspace.engineStatus(), workspace.running(), messages).root();
        javafx.scene.layout.HBox.setHgrow(statusBar, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox bottom = new javafx.scene.layout.HBox(statusBar, autosaveLabel);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bottom.getStyleClass().add("status-bar");
        statusSlot.getChildren().setAll(bottom);
        toastTimer.setOnFinished(event -> toast.setVisible(false));
        // Side columns keep their width when the window grows; the sources and the record take the rest.
        SplitPane.setResizableWithParent(encounterSlot, false);
        SplitPane.setResizableWithParent(sideTabs, false);
        wireMenus();
        ListenerScope.whileShown(root, this::activate);
    }

    private void wireMenus() {
        newEncounterItem.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newEncounterItem.setOnAction(event -> workspace.encounterList().newEncounter());
        importItem.setAccelerator(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN));
        importItem.setOnAction(event -> workspace.sources().importDocuments());
        importItem.setDisable(!workspace.sources().canImport());
        saveItem.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveItem.setOnAction(event -> workspace.save());
        settingsItem.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        settingsItem.setOnAction(event -> actions.openSettings());
        exitItem.setOnAction(event -> actions.exit());
        draftItem.setAccelerator(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN));
        draftItem.setOnAction(event -> workspace.record().draft());
        cancelItem.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        cancelItem.setOnAction(event -> workspace.running().cancelAll());
        nextSectionItem.setAccelerator(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.SHORTCUT_DOWN));
        nextSectionItem.setOnAction(event -> {
            workspace.record().nextSection();
            recordView.focusCurrentSection();
        });
        previousSectionItem.setAccelerator(new KeyCodeCombination(KeyCode.UP, KeyCombination.SHORTCUT_DOWN));
        previousSectionItem.setOnAction(event -> {
            workspace.record().previousSection();
            recordView.focusCurrentSection();
        });
        copyItem.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        copyItem.setOnAction(event -> workspace.record().copyRecord());
        suggestItem.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        suggestItem.setOnAction(event -> {
            sideTabs.getSelectionModel().select(suggestionsTab);
            workspace.suggestions().suggest();
        });
        chooseModelItem.setOnAction(event -> {
            onboardingRequested = !onboardingRequested;
            refreshRecordSlot();
        });
        restartEngineItem.setOnAction(event -> workspace.engineStatus().restart());
        modelsFolderItem.setOnAction(event -> workspace.modelSetup().openModelsFolder());
        String language = workspace.settings().get().uiLanguage();
        (Messages.CHINESE.equals(messages.locale()) || "zh_CN".equals(language) ? chineseItem : englishItem)
                .setSelected(true);
        englishItem.setOnAction(event -> actions.switchLanguage("en"));
        chineseItem.setOnAction(event -> actions.switchLanguage("zh_CN"));
        ("dark".equals(workspace.settings().get().theme()) ? darkItem : lightItem).setSelected(true);
        lightItem.setOnAction(event -> actions.setTheme("light"));
        darkItem.setOnAction(event -> actions.setTheme("dark"));
        largerItem.setAccelerator(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN));
        largerItem.setOnAction(event -> actions.changeFontSize(1));
        smallerItem.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        smallerItem.setOnAction(event -> actions.changeFontSize(-1));
        shortcutsItem.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        shortcutsItem.setOnAction(event -> showInformation("help.shortcuts.title", shortcutTable()));
        aboutItem.setOnAction(event -> {
            javafx.scene.control.Label about = new org.medscribe.ui.WrappingLabel(messages.get("help.about"));
            about.setPrefWidth(32 * em());
            showInformation("help.about.title", about);
        });
    }

    private void activate(ListenerScope scope) {
        scope.watchAll(this::refreshRecordSlot, workspace.engineStatus().state(), workspace.engineStatus().loading(),
                workspace.engineStatus().loadError(), workspace.modelSetup().state());
        scope.watch(workspace.engineStatus().state(), state -> {
            if (state == EngineState.READY && onboardingRequested) {
                onboardingRequested = false;
                refreshRecordSlot();
            }
        });
        scope.watch(workspace.record().canDraft(), can -> draftItem.setDisable(!can));
        scope.watch(workspace.running().busy(), busy -> cancelItem.setDisable(!busy));
        scope.watch(workspace.engineStatus().modelName(), name -> restartEngineItem.setDisable(
                workspace.settings().get().engineSettings() == null));
        scope.onClose(toastTimer::stop);
        scope.watch(workspace.autosaveStatus(), key -> autosaveLabel.setText(key == null ? "" : key.in(messages)));
        if (workspace.signing() != null) {
            scope.watchAll(this::refreshSignedBanner, workspace.signing().status(), workspace.signing().latest());
        }
        // Divider positions only hold once the split pane has its real width; they follow the text size too.
        scope.watch(columns.widthProperty(), width -> javafx.application.Platform.runLater(this::layOutColumns));
        scope.watch(signedBanner.fontProperty(), font -> javafx.application.Platform.runLater(this::layOutColumns));
    }

    /**
     * Worklist narrow, sources and record wide, suggestions at the side, each measured in the text's
     * size (larger text, wider side columns) and never narrower than the side tabs' names. Applied
     * whenever the window's width or the text size changes (the split pane's first layouts happen at
     * interim widths).
     */
    private void layOutColumns() {
        double width = columns.getWidth();
        if (width <= 0) {
            return;
        }
        double em = em();
        double tabs = sideTabs.lookup(".headers-region") instanceof javafx.scene.layout.Region headers
                ? headers.prefWidth(-1) + 4 * em : 0; // room for the tab pane's own insets and fonts that run wide
        double worklist = Math.min(16 * em, width * 0.16);
        double side = Math.max(tabs, Math.min(24 * em, width * 0.26));
        double sources = (width - worklist - side) * 0.45;
        columns.setDividerPositions(worklist / width, (worklist + sources) / width, (width - side) / width);
    }

    /** The size of the window's text, in pixels. */
    private double em() {
        return signedBanner.getFont().getSize();
    }

    /** The record column shows the onboarding panel while there is no usable model, or on request. */
    private void refreshRecordSlot() {
        EngineState state = workspace.engineStatus().state().get();
        boolean loading = workspace.engineStatus().loading().get();
        boolean noModel = (state == EngineState.NO_MODEL && !loading)
                || (state == EngineState.FAILED && !workspace.engineStatus().crashed().get());
        // A model chosen on the setup panel loads there, so its outcome (or refusal) shows where it was chosen.
        boolean loadingFromSetup = workspace.modelSetup().state().get() == ModelSetupViewModel.State.LOADING;
        boolean showSetup = onboardingRequested || noModel || loadingFromSetup;
        javafx.scene.Node wanted = showSetup ? modelSetupView.root() : recordColumn;
        if (recordSlot.getChildren().size() != 1 || recordSlot.getChildren().get(0) != wanted) {
            recordSlot.getChildren().setAll(wanted);
        }
    }

    /** Above the record: signed and read-only (who, when, hash), or being amended. */
    private void refreshSignedBanner() {
        org.medscribe.review.ui.SigningViewModel signing = workspace.signing();
        org.medscribe.review.ui.Signing.SignedRecord latest = signing.latest().get();
        org.medscribe.review.ui.SigningViewModel.Status status = signing.status().get();
        boolean show = latest != null && (status == org.medscribe.review.ui.SigningViewModel.Status.SIGNED
                || status == org.medscribe.review.ui.SigningViewModel.Status.AMENDING);
        signedBanner.setVisible(show);
        signedBanner.getStyleClass().remove("amending");
        if (!show) {
            return;
        }
        String at = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.SHORT)
                .withLocale(messages.locale()).withZone(java.time.ZoneId.systemDefault()).format(latest.signedAt());
        String hash = latest.contentSha256().substring(0, Math.min(12, latest.contentSha256().length()));
        if (status == org.medscribe.review.ui.SigningViewModel.Status.AMENDING) {
            signedBanner.getStyleClass().add("amending");
            signedBanner.setText(messages.get("signing.banner.amending", latest.version(), latest.signer(), at));
        } else {
            signedBanner.setText(messages.get("signing.banner.signed", latest.version(), latest.signer(), at, hash));
        }
    }

    /** A short message over the workspace that fades by itself. */
    public void toast(String text) {
        toast.setText(text);
        toast.setVisible(true);
        toastTimer.playFromStart();
    }

    /** The keyboard shortcuts, one a line: the keys, then what they do. */
    private javafx.scene.Node shortcutTable() {
        javafx.scene.layout.GridPane table = new javafx.scene.layout.GridPane();
        table.setId("shortcuts");
        table.setHgap(16);
        table.setVgap(6);
        int row = 0;
        for (String line : messages.get("help.shortcuts").split("\n")) {
            int colon = Math.max(line.lastIndexOf(": "), line.lastIndexOf('：'));
            javafx.scene.control.Label keys = new javafx.scene.control.Label(
                    colon < 0 ? "" : line.substring(colon + 1).strip());
            keys.getStyleClass().add("shortcut-keys");
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            table.addRow(row++, keys, new org.medscribe.ui.WrappingLabel(colon < 0 ? line : line.substring(0, colon)));
        }
        return table;
    }

    /** A window of information with OK: as large as its content needs, resizable. */
    private void showInformation(String titleKey, javafx.scene.Node content) {
        javafx.scene.control.Dialog<ButtonType> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle(messages.get(titleKey));
        dialog.setHeaderText(messages.get(titleKey));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(new ButtonType(messages.get("dialog.ok"),
                ButtonBar.ButtonData.OK_DONE));
        dialog.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        dialog.setResizable(true);
        actions.style(dialog);
        dialog.show();
    }
}
