package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;

/** The desktop on a first start: no model chosen. */
class DesktopFirstRunTest extends DesktopTest {

    @Test
    void firstStartWithoutModelShowsTheSetupPanelNotAnError() throws Exception {
        Settings settings = Settings.defaults();
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings));
        DesktopHarness.waitUntil(20, () -> robot.lookup("#model-setup").tryQuery().isPresent());
        assertThat(robot.lookup("#model-setup").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#engine-status").queryAs(Label.class).getText()).isEqualTo("No model loaded");
        assertThat(robot.lookup("#engine-banner").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#model-error").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#sources-pane").queryAs(Node.class).isVisible()).isTrue();
    }

    @Test
    void choosingTheTinyModelShowsItsInspectionThenLoadsIt() throws Exception {
        Settings settings = Settings.defaults();
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings));
        DesktopHarness.waitUntil(20, () -> robot.lookup("#choose-model").tryQuery().isPresent());
        Path model = TestModels.languageModel();
        harness.dialogs.nextModelFile = model;

        robot.clickOn("#choose-model");

        DesktopHarness.waitUntil(20, () -> robot.lookup("#model-inspection").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#inspection-file").queryAs(Label.class).getText())
                .isEqualTo(model.getFileName().toString());
        assertThat(robot.lookup("#inspection-size").queryAs(Label.class).getText()).matches("\\d+ (KB|MB|GB)");
        assertThat(robot.lookup("#inspection-architecture").queryAs(Label.class).getText()).isEqualTo("llama");
        assertThat(robot.lookup("#inspection-memory").queryAs(Label.class).getText()).contains("needed");
        assertThat(robot.lookup("#inspection-fits").queryAs(Label.class).getText()).isEqualTo("Yes");
        assertThat(robot.lookup("#model-catalog .catalog-card").queryAll()).isNotEmpty();
        assertThat(robot.lookup("#model-error").queryAs(Node.class).isVisible()).isFalse();

        robot.clickOn("#use-model");

        DesktopHarness.waitUntil(120, () -> harness.workspace().engineStatus().state().get() == EngineState.READY);
        DesktopHarness.waitUntil(10, () -> robot.lookup("#record-pane").tryQuery().isPresent());
        assertThat(robot.lookup("#engine-status").queryAs(Label.class).getText()).isEqualTo("Ready");
        DesktopHarness.waitUntil(10, () -> model.equals(new SettingsStore(harness.directories.settingsFile()).load()
                .modelPath()));
    }

    @Test
    void corruptModelFileGivesAnInlineReasonNotACrashOrDialog() throws Exception {
        Settings settings = Settings.defaults();
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings));
        Path corrupt = dataDir.resolve("broken-model.gguf");
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(noise);
        Files.write(corrupt, noise);
        harness.dialogs.nextModelFile = corrupt;
        DesktopHarness.waitUntil(20, () -> robot.lookup("#choose-model").tryQuery().isPresent());

        robot.clickOn("#choose-model");
        // Refused at inspection (GGUF admission), or, where inspection cannot tell, when loading.
        DesktopHarness.waitUntil(20, () -> robot.lookup("#model-error").queryAs(Node.class).isVisible()
                || robot.lookup("#model-inspection").queryAs(Node.class).isVisible());
        if (!robot.lookup("#model-error").queryAs(Node.class).isVisible()) {
            robot.clickOn("#use-model");
        }

        DesktopHarness.waitUntil(120, () -> robot.lookup("#model-error").tryQuery().map(Node::isVisible)
                .orElse(false));
        assertThat(robot.lookup("#model-error").queryAs(Label.class).getText()).isNotBlank()
                .doesNotContain("Exception");
        assertThat(robot.lookup("#model-setup").queryAs(Node.class).isVisible()).isTrue();
        assertThat(harness.dialogs.lastErrorCode).isNull();
        assertThat(harness.workspace().engineStatus().state().get()).isIn(EngineState.NO_MODEL, EngineState.FAILED);
    }

    @Test
    void importedPdfBecomesASourceWithItsPageCountAndABrokenOneGivesItsReason() throws Exception {
        // PDFs from the PDFBox test suite (Apache-2.0 repository; see ../shared/data/pdfs/MANIFEST.csv).
        Settings settings = Settings.defaults();
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings));
        DesktopHarness.waitUntil(20, () -> robot.lookup("#import-documents").tryQuery().isPresent());
        harness.dialogs.nextDocuments = java.util.List.of(TestModels.data("pdfs/text-ground-truth__eu-001.pdf"));

        robot.clickOn("#import-documents");

        DesktopHarness.waitUntil(120, () -> harness.workspace().sources().sources().size() == 2);
        org.medscribe.capture.ui.SourceItem document = harness.workspace().sources().sources().get(1);
        assertThat(document.pageCount()).isPositive();
        assertThat(document.text().get()).isNotBlank();
        assertThat(robot.lookup("#source-list .list-cell").queryAll().stream()
                .map(cell -> ((javafx.scene.control.Labeled) cell).getText())
                .filter(text -> text != null && text.startsWith("text-ground-truth__eu-001.pdf — ")))
                .hasSize(1);

        harness.dialogs.nextDocuments = java.util.List.of(TestModels.data("pdfs/malformed__MissingCatalog.pdf"));
        robot.clickOn("#import-documents");
        DesktopHarness.waitUntil(120, () -> robot.lookup("#sources-message").queryAs(Node.class).isVisible());
        assertThat(robot.lookup("#sources-message").queryAs(Label.class).getText()).isNotBlank();
        assertThat(harness.workspace().sources().sources()).hasSize(2);
        assertThat(harness.dialogs.lastErrorCode).isNull();
    }

    static void dump(Node node, String indent) {
        System.out.println(indent + node.getClass().getSimpleName() + " #" + node.getId() + " " + node.getLayoutBounds());
        if (node instanceof Parent parent && indent.length() < 16) {
            parent.getChildrenUnmodifiable().forEach(child -> dump(child, indent + "  "));
        }
    }
}
