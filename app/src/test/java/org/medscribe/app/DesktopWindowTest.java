package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;

/**
 * The main window as a doctor meets it every day: it comes back where and as large as it was, stays
 * maximized under dialogs, shows its notices on a background of their own, says why Draft is off,
 * and the model panel opened from the menu leads back to the record.
 */
class DesktopWindowTest extends DesktopTest {

    @Test
    void theWindowComesBackAsItWasAndStaysMaximizedUnderADialog() throws Exception {
        Settings settings = Settings.defaults();
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings),
                new WindowPlacement(40, 30, 1100, 700, true));
        Stage stage = harness.desktop.stage();
        DesktopHarness.waitUntil(20, stage::isMaximized);

        DesktopHarness.onFx(() -> harness.desktop.openSettings());
        DesktopHarness.waitUntil(20, () -> dialog(stage) != null);
        assertThat(stage.isMaximized()).isTrue();
        DesktopHarness.onFx(() -> ((Stage) dialog(stage)).close());
        DesktopHarness.waitUntil(10, () -> dialog(stage) == null);
        assertThat(stage.isMaximized()).isTrue();

        // Closed maximized: saved maximized over the size it had before, not the screen's.
        DesktopHarness.onFx(() -> harness.desktop.close());
        java.nio.file.Path saved = harness.directories.root().resolve("window.json");
        DesktopHarness.waitUntil(10, () -> java.nio.file.Files.isRegularFile(saved));
        WindowPlacement placement = WindowPlacement.read(saved);
        assertThat(placement.maximized()).isTrue();
        assertThat(placement.width()).isEqualTo(1100);
        assertThat(placement.height()).isEqualTo(700);
        assertThat(placement.x()).isEqualTo(40);
    }

    @Test
    void aNoticeHasItsBackgroundDraftSaysWhyItIsOffAndTheModelPanelLeadsBack() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings),
                new WindowPlacement(0, 0, 1280, 720, false));
        DesktopHarness.waitUntil(120, () -> workspace().engineStatus().state().get() == EngineState.READY);
        DesktopHarness.waitUntil(10, () -> robot.lookup("#record-pane").tryQuery().isPresent());

        // An empty note: Draft is off, and the record says why.
        assertThat(robot.lookup("#draft-button").queryAs(Button.class).isDisabled()).isTrue();
        Label hint = robot.lookup("#draft-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).isEqualTo("There is nothing to draft from yet: type or paste the note first.");
        DesktopHarness.onFx(() -> workspace().sources().note().edit("Cough for five days."));
        DesktopHarness.waitUntil(10, () -> !hint.isVisible());

        // A notice: drawn on its own opaque background, at the bottom of the workspace, not over a heading.
        DesktopHarness.onFx(() -> harness.realDialogs.notify("record.message.copied"));
        Label toast = robot.lookup("#toast").queryAs(Label.class);
        DesktopHarness.waitUntil(10, toast::isVisible);
        assertThat(toast.getText()).isEqualTo("Record copied for the EMR.");
        assertThat(toast.getBackground()).isNotNull();
        assertThat(toast.getBackground().getFills()).isNotEmpty();
        assertThat(((Color) toast.getBackground().getFills().get(0).getFill()).getOpacity()).isGreaterThan(0.8);
        Bounds notice = toast.localToScene(toast.getBoundsInLocal());
        Node heading = robot.lookup("#encounter-pane .pane-title").query();
        assertThat(notice.intersects(heading.localToScene(heading.getBoundsInLocal()))).isFalse();
        assertThat(robot.lookup(".notification-bar").tryQuery()).isEmpty();

        // Model → Choose model over a loaded model, then back to the record.
        DesktopHarness.onFx(() -> menuItem("chooseModelItem").fire());
        DesktopHarness.waitUntil(10, () -> robot.lookup("#model-setup").tryQuery().isPresent());
        assertThat(robot.lookup("#back-to-record").queryAs(Button.class).isVisible()).isTrue();
        robot.clickOn("#back-to-record");
        DesktopHarness.waitUntil(10, () -> robot.lookup("#record-pane").tryQuery().map(Node::isVisible).orElse(false)
                && robot.lookup("#model-setup").tryQuery().isEmpty());
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) harness.desktop.stage().getScene().lookup("#menu-bar");
        return bar.getMenus().stream().flatMap(menu -> menu.getItems().stream())
                .filter(item -> id.equals(item.getId())).findFirst().orElseThrow();
    }

    private static Window dialog(Stage main) {
        return Window.getWindows().stream().filter(window -> window != main && window instanceof Stage
                && window.isShowing()).findFirst().orElse(null);
    }
}
