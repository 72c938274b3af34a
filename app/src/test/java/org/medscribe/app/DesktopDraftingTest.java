package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.draft.ui.SectionViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;
import org.testfx.api.FxRobot;

/**
 * The record workflow on the real engine (the tiny random model: text is gibberish, the mechanics
 * are real): draft until every section is shown, cancel mid-draft, switch language mid-draft, kill
 * the engine worker mid-draft and recover. The drafting is the app's own, wrapped in a gate that
 * pauses the token stream so the test can act while generation is in progress.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopDraftingTest {

    private static final String NOTE = "Patient reports cough for three days with fever 38.5 C. "
            + "Denies chest pain. Allergic to penicillin.";

    @TempDir
    static Path dataDir;

    private DesktopHarness harness;
    private GatedDrafting gate;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    void start() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        harness = DesktopHarness.start(dataDir, settings, parts -> {
            Workspace.Services real = MedScribeApplication.services(settings, parts.engine(), parts.encounters());
            gate = new GatedDrafting(real.drafting());
            return new Workspace.Services(real.engine(), Optional.empty(), real.inspection(), real.catalog(), gate,
                    real.suggesting(), real.encounters(), real.importing());
        });
        DesktopHarness.waitUntil(120, () -> workspace().engineStatus().state().get() == EngineState.READY);
        DesktopHarness.waitUntil(10, () -> robot.lookup("#record-pane").tryQuery().isPresent());
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
            gate.release();
            harness.close();
        }
    }

    private Workspace workspace() {
        return harness.workspace();
    }

    private RecordViewModel record() {
        return workspace().record();
    }

    @Test
    @Order(1)
    void typedNoteDraftsUntilEverySectionIsShown() throws Exception {
        robot.clickOn("#source-text").write(NOTE);
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().equals(NOTE));
        assertThat(robot.lookup("#draft-button").queryAs(Node.class).isDisabled()).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        DesktopHarness.waitUntil(120, () -> record().state().get() == RecordViewModel.State.DONE);
        assertThat(record().sections()).isNotEmpty().allSatisfy(section -> assertThat(section.state().get())
                .isIn(SectionViewModel.State.DRAFTED, SectionViewModel.State.NOT_DOCUMENTED));
        for (SectionViewModel section : record().sections()) {
            assertThat(robot.lookup("#section-" + section.id()).tryQuery()).isPresent();
        }
        // The stopgap verifies nothing, so every drafted statement is marked unsupported in place.
        assertThat(robot.lookup(".reason-unsupported").queryAll()).isNotEmpty();
        assertThat(robot.lookup("#engine-status").queryAs(Label.class).getText()).isEqualTo("Ready");
    }

    @Test
    @Order(2)
    void cancelMidDraftKeepsThePartialDraftMarkedAndTheUiUsable() throws Exception {
        gate.holdAt(2);
        robot.clickOn("#draft-button");
        gate.awaitHeld();
        DesktopHarness.waitUntil(10, () -> record().state().get() == RecordViewModel.State.STREAMING);
        assertThat(robot.lookup("#status-activity").queryAs(Label.class).getText()).isEqualTo("Drafting the record");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        DesktopHarness.waitUntil(30, () -> record().state().get() == RecordViewModel.State.CANCELLED);
        assertThat(record().sections().get(0).state().get()).isEqualTo(SectionViewModel.State.DRAFTED);
        assertThat(record().sections().get(0).text().get()).isNotBlank();
        // The section being written when Esc was pressed may still complete (the tiny model is fast and
        // its answer may already be in the pipe); every section after it is stopped, not guessed.
        SectionViewModel last = record().sections().get(record().sections().size() - 1);
        assertThat(last.state().get()).isEqualTo(SectionViewModel.State.STOPPED);
        assertThat(robot.lookup("#record-message").queryAs(Label.class).getText()).contains("partial draft is kept");
        assertThat(robot.lookup("#badge-" + last.id()).queryAs(Label.class).getText()).startsWith("Stopped");
        // Still usable: typing works, and Draft is enabled again once the engine is idle.
        robot.clickOn("#source-text").type(KeyCode.END).write(" Cough worse at night.");
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().endsWith("night."));
        DesktopHarness.waitUntil(30, () -> !robot.lookup("#draft-button").queryAs(Node.class).isDisabled());
    }

    @Test
    @Order(3)
    void switchingLanguageMidDraftKeepsTheWorkAndFinishesTheDraft() throws Exception {
        String note = workspace().sources().note().text().get();
        gate.holdAt(1);
        robot.clickOn("#draft-button");
        gate.awaitHeld();
        String firstSection = record().sections().get(0).text().get();

        DesktopHarness.onFx(() -> menuItem("menu-chinese").fire());
        DesktopHarness.waitUntil(10, () -> "病历".equals(robot.lookup("#record-pane .pane-title")
                .queryAs(Label.class).getText()));
        assertThat(record().state().get()).isEqualTo(RecordViewModel.State.STREAMING);
        assertThat(record().sections().get(0).text().get()).isEqualTo(firstSection);

        gate.release();
        DesktopHarness.waitUntil(120, () -> record().state().get() == RecordViewModel.State.DONE);
        assertThat(workspace().sources().note().text().get()).isEqualTo(note);
        assertThat(robot.lookup("#engine-status").queryAs(Label.class).getText()).isEqualTo("就绪");
        assertThat(robot.lookup("#source-text").queryAs(org.fxmisc.richtext.StyleClassedTextArea.class).getText())
                .isEqualTo(note);

        DesktopHarness.onFx(() -> menuItem("menu-english").fire());
        DesktopHarness.waitUntil(10, () -> "Record".equals(robot.lookup("#record-pane .pane-title")
                .queryAs(Label.class).getText()));
    }

    @Test
    @Order(4)
    void killingTheEngineWorkerMidDraftShowsTheBannerAndRecovers() throws Exception {
        gate.holdAt(1);
        robot.clickOn("#draft-button");
        gate.awaitHeld();
        long pid = harness.engine.workerPid();
        assertThat(pid).isPositive();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        gate.release();

        DesktopHarness.waitUntil(30, () -> record().state().get() == RecordViewModel.State.ERROR);
        assertThat(robot.lookup("#record-message").queryAs(Label.class).getText()).contains("engine stopped");
        assertThat(record().sections().get(0).text().get()).isNotBlank();
        // The work is still there and editable while the engine restarts.
        robot.clickOn("#source-text").type(KeyCode.END).write(" Recovering.");
        DesktopHarness.waitUntil(120, () -> workspace().engineStatus().state().get() == EngineState.READY);
        DesktopHarness.waitUntil(10, () -> !robot.lookup("#engine-banner").queryAs(Node.class).isVisible());
        assertThat(harness.engine.workerPid()).isNotEqualTo(pid);

        robot.clickOn("#draft-button");
        DesktopHarness.waitUntil(120, () -> record().state().get() == RecordViewModel.State.DONE);
    }

    @Test
    @Order(5)
    void responsivenessWhileDraftingIsReported() throws Exception {
        // A figure, not an assertion: timings belong in reports (`bin/medscribe ui-probe` is the benchmark).
        ResponsivenessProbe probe = new ResponsivenessProbe();
        DesktopHarness.onFx(probe::start);
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#draft-button");
            DesktopHarness.waitUntil(120, () -> record().state().get() == RecordViewModel.State.DONE
                    && !robot.lookup("#draft-button").queryAs(Node.class).isDisabled());
        }
        ResponsivenessProbe.Figures[] figures = new ResponsivenessProbe.Figures[1];
        DesktopHarness.onFx(() -> figures[0] = probe.stop());
        String line = "UI responsiveness while drafting (Monocle headless, tiny model, 3 drafts): " + figures[0].line();
        System.out.println(line);
        java.nio.file.Files.writeString(Path.of("target", "ui-probe-report.txt"), line + System.lineSeparator());
        assertThat(figures[0].pulses()).isGreaterThan(1);
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        for (Menu menu : bar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (id.equals(item.getId())) {
                    return item;
                }
            }
        }
        throw new AssertionError("no menu item " + id);
    }
}
