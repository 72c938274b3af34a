package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every view and dialog of the desktop is readable at 1280×720, at 1024×640 (in English and in
 * Chinese) and with the text at 200 %: nothing a doctor needs is cut to "…" or lies off the window
 * ({@link LayoutCheck}). The engine, the store, quality and signing are real; the drafting and the
 * suggestions are {@link ScriptedClinic}'s readable example, slowed so that a draft can be stopped.
 */
class LayoutFitTest extends DesktopTest {

    static Stream<Arguments> screens() {
        return Stream.of(
                Arguments.of("1280x720 en", 1280, 720, "en", 10.5),
                Arguments.of("1024x640 en", 1024, 640, "en", 10.5),
                Arguments.of("1024x640 zh", 1024, 640, "zh_CN", 10.5),
                Arguments.of("1920x1080 en, text at 200 %", 1920, 1080, "en", 21.0));
    }

    private final List<String> problems = new ArrayList<>();
    private String screen;

    @ParameterizedTest(name = "{0}")
    @MethodSource("screens")
    void everyViewAndDialogIsReadable(String name, double width, double height, String language, double fontSize)
            throws Exception {
        screen = name;
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel()).withUiLanguage(language)
                .withFontSize(fontSize);
        harness = DesktopHarness.start(dataDir, settings, parts -> MedScribeApplication.services(parts.directories(),
                        settings, parts.engine(), parts.encounters())
                .withDrafting(ScriptedClinic.drafting(
                        MedScribeApplication.services(parts.directories(), settings, parts.engine(), parts.encounters())
                                .drafting(), 40))
                .withSuggesting(ScriptedClinic.suggesting(0)).withoutCrash(),
                new WindowPlacement(0, 0, width, height, false));
        Stage stage = harness.desktop.stage();
        DesktopHarness.waitUntil(120, () -> workspace().engineStatus().state().get() == EngineState.READY);
        assertThat(stage.getWidth()).isEqualTo(width);
        assertThat(stage.getHeight()).isEqualTo(height);
        check(stage, "empty record");

        // A stopped draft: its message, and the sections it did not reach.
        String note = language.equals("en") ? ScriptedClinic.NOTE_EN : ScriptedClinic.NOTE_ZH;
        DesktopHarness.onFx(() -> workspace().encounterList().create("Chen Wei", "MRN-0001"));
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null);
        DesktopHarness.onFx(() -> {
            workspace().sources().note().edit(ScriptedClinic.NOTE_EN);
            workspace().record().selectTemplate("soap-en"); // the English script has the most words to stop in
        });
        DesktopHarness.onFx(() -> workspace().record().draft());
        DesktopHarness.waitUntil(30, () -> workspace().record().sections().stream()
                .anyMatch(section -> !section.statements().isEmpty()));
        DesktopHarness.onFx(() -> workspace().running().cancelAll());
        DesktopHarness.waitUntil(30, () -> workspace().record().message().get() != null);
        check(stage, "draft stopped");

        // The drafted record, the suggestions, the quality findings and the outdated check.
        DesktopHarness.onFx(() -> {
            workspace().sources().note().edit(note);
            workspace().record().selectTemplate(language.equals("en") ? "soap-en" : "outpatient-zh");
        });
        DesktopHarness.onFx(() -> workspace().record().draft());
        DesktopHarness.waitUntil(60, () -> workspace().record().state().get() == RecordViewModel.State.DONE);
        check(stage, "drafted");
        DesktopHarness.onFx(() -> {
            selectTab("suggestionsTab");
            workspace().suggestions().suggest();
        });
        DesktopHarness.waitUntil(30, () -> !workspace().suggestions().differential().isEmpty());
        check(stage, "suggestions");
        DesktopHarness.onFx(() -> {
            selectTab("quality-tab");
            workspace().quality().check();
        });
        DesktopHarness.waitUntil(30, () -> workspace().quality().report().get() != null
                && workspace().quality().state().get() == org.medscribe.quality.ui.QualityViewModel.State.DONE);
        check(stage, "quality");
        DesktopHarness.onFx(() -> {
            workspace().record().sections().get(0).editByDoctor("Cough for five days.");
            workspace().record().sections().get(0).editByDoctor("Cough for five days, worse at night.");
        });
        DesktopHarness.waitUntil(10, () -> workspace().quality().outdated().get());
        check(stage, "quality outdated");
        DesktopHarness.onFx(() -> selectTab("signing-tab"));
        check(stage, "signing");

        // Dialogs: the signer, critical findings, a new encounter, settings, shortcuts, about.
        checkDialog(() -> harness.realDialogs.askText("signing.clinician.title", "signing.clinician.body", List.of(),
                List.of("settings.field.clinicianName", "settings.field.clinicianRole")), "who signs");
        checkDialog(() -> harness.realDialogs.askText("signing.override.title", "signing.override.body",
                List.of(harness.desktop.messages().get("record.message.cancelled"),
                        harness.desktop.messages().get("engine.error.restartsExhausted", 3)),
                List.of("signing.override.reason")), "critical findings");
        checkDialog(() -> harness.realDialogs.askText("encounters.new.title", null, List.of(),
                List.of("encounters.new.patientName", "encounters.new.recordNumber")), "new encounter");
        checkDialog(() -> harness.desktop.openSettings(), "settings");
        checkDialog(() -> menuItem("shortcutsItem").fire(), "keyboard shortcuts");
        checkDialog(() -> menuItem("aboutItem").fire(), "about");

        // A model chosen from the menu: the setup panel with its inspection and the catalog.
        harness.dialogs.nextModelFile = TestModels.languageModel();
        DesktopHarness.onFx(() -> {
            menuItem("chooseModelItem").fire();
            workspace().modelSetup().chooseFile();
        });
        DesktopHarness.waitUntil(30, () -> robot.lookup("#model-inspection").tryQuery().map(Node::isVisible)
                .orElse(false));
        check(stage, "model setup");
        DesktopHarness.onFx(() -> menuItem("chooseModelItem").fire());

        // The engine stops: the banner over the untouched work.
        long pid = harness.engine.workerPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        List<List<String>> banner = new ArrayList<>();
        DesktopHarness.waitUntil(60, () -> onFx(() -> {
            if (banner.isEmpty()) {
                Node shown = stage.getScene().lookup("#engine-banner");
                if (shown != null && shown.isVisible()) {
                    banner.add(LayoutCheck.problems(stage, screen + ", engine stopped"));
                }
            }
            return !banner.isEmpty();
        }));
        problems.addAll(banner.get(0));
        assertThat(problems).as("cut or clipped text on " + screen).isEmpty();
    }

    private void check(Window window, String where) throws Exception {
        WaitForAsyncUtils.waitForFxEvents(4);
        problems.addAll(fx(() -> LayoutCheck.problems(window, screen + ", " + where)));
    }

    /** Opens a dialog (which may wait for an answer inside {@code open}), checks it, closes it. */
    private void checkDialog(Runnable open, String where) throws Exception {
        Stage main = harness.desktop.stage();
        Platform.runLater(open);
        DesktopHarness.waitUntil(20, () -> dialogWindow(main) != null);
        Window dialog = fx(() -> dialogWindow(main));
        check(dialog, where);
        check(main, "under " + where);
        DesktopHarness.onFx(() -> ((Stage) dialog).close());
        DesktopHarness.waitUntil(10, () -> dialogWindow(main) == null);
    }

    private static Window dialogWindow(Stage main) {
        return Window.getWindows().stream().filter(window -> window != main && window instanceof Stage
                && window.isShowing()).findFirst().orElse(null);
    }

    private MenuItem menuItem(String id) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) harness.desktop.stage().getScene()
                .lookup("#menu-bar");
        return bar.getMenus().stream().flatMap(menu -> menu.getItems().stream())
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow();
    }

    private void selectTab(String id) {
        TabPane tabs = (TabPane) harness.desktop.stage().getScene().lookup("#side-tabs");
        for (Tab tab : tabs.getTabs()) {
            if (id.equals(tab.getId())) {
                tabs.getSelectionModel().select(tab);
            }
        }
    }

    private static boolean onFx(Supplier<Boolean> condition) {
        try {
            return fx(condition);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fx(Supplier<T> action) throws Exception {
        return ScreenshotTour.fx(action);
    }
}
