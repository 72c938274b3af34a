package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.settings.Settings;
import org.testfx.api.FxRobot;

/** The desktop on a first start: no model chosen. */
class DesktopFirstRunTest {

    @TempDir
    Path dataDir;

    private DesktopHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void firstStartWithoutModelShowsTheSetupPanelNotAnError() throws Exception {
        Settings settings = Settings.defaults();
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings, dataDir));
        FxRobot robot = new FxRobot();
        DesktopHarness.waitUntil(20, () -> robot.lookup("#model-setup").tryQuery().isPresent());
        dump(harness.desktop.stage().getScene().getRoot(), "");
        assertThat(robot.lookup("#model-setup").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#engine-status").queryAs(Label.class).getText()).isEqualTo("No model loaded");
        assertThat(robot.lookup("#engine-banner").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#model-error").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#sources-pane").queryAs(Node.class).isVisible()).isTrue();
    }

    static void dump(Node node, String indent) {
        System.out.println(indent + node.getClass().getSimpleName() + " #" + node.getId() + " " + node.getLayoutBounds());
        if (node instanceof Parent parent && indent.length() < 16) {
            parent.getChildrenUnmodifiable().forEach(child -> dump(child, indent + "  "));
        }
    }
}
