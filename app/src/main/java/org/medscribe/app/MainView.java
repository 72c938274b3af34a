package org.medscribe.app;

import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
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
import org.controlsfx.control.NotificationPane;
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
    }

    private final Workspace workspace;
    private final Messages messages;
    private final ViewLoader loader;
    private final Actions actions;

    @FXML private BorderPane root;
    @FXML private StackPane bannerSlot;
    @FXML private NotificationPane notifications;
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
        toastTimer.setOnFinished(event -> notifications.hide());
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
        shortcutsItem.setOnAction(event -> showInformation("menu.help.shortcuts", "help.shortcuts"));
        aboutItem.setOnAction(event -> showInformation("menu.help.about", "help.about"));
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
        // Divider positions only hold once the split pane has its real width.
        scope.watch(columns.widthProperty(), width -> javafx.application.Platform.runLater(this::layOutColumns));
    }

    /**
     * Worklist narrow, sources and record wide, suggestions at the side: readable at 1366×768. Applied
     * whenever the window's width changes (the split pane's first layouts happen at interim widths).
     */
    private void layOutColumns() {
        double width = columns.getWidth();
        if (width <= 0) {
            return;
        }
        double worklist = Math.min(230, width * 0.16);
        double side = Math.min(340, width * 0.22);
        double sources = (width - worklist - side) * 0.45;
        columns.setDividerPositions(worklist / width, (worklist + sources) / width, (width - side) / width);
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
        notifications.setText(text);
        notifications.show();
        toastTimer.playFromStart();
    }

    private void showInformation(String titleKey, String bodyKey) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, messages.get(bodyKey),
                new ButtonType(messages.get("dialog.ok"), ButtonBar.ButtonData.OK_DONE));
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle(messages.get(titleKey));
        alert.setHeaderText(messages.get(titleKey));
        alert.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        alert.getDialogPane().setStyle(root.getStyle());
        alert.show();
    }
}
