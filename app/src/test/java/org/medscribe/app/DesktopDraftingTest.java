package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import org.testfx.util.WaitForAsyncUtils;
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

    /** The start of the first ACI-BENCH validation dialogue (Yim et al., 2023, CC BY 4.0). */
    private static String note() throws java.io.IOException {
        String line = java.nio.file.Files.readAllLines(TestModels.data("aci-bench/valid-20.jsonl")).get(0);
        String dialogue = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("dialogue").asText();
        return dialogue.substring(0, Math.min(1500, dialogue.length()));
    }

    @TempDir
    static Path dataDir;

    private DesktopHarness harness;
    private GatedDrafting gate;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    void start() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        harness = DesktopHarness.startGated(dataDir, settings);
        gate = harness.gate;
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
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
        String note = note();
        DesktopHarness.onFx(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(note);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#source-text").press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().equals(note));
        assertThat(robot.lookup("#draft-button").queryAs(Node.class).isDisabled()).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        DesktopHarness.waitUntil(120, () -> record().state().get() == RecordViewModel.State.DONE);
        assertThat(record().sections()).isNotEmpty().allSatisfy(section -> assertThat(section.state().get())
                .isIn(SectionViewModel.State.DRAFTED, SectionViewModel.State.NOT_DOCUMENTED));
        for (SectionViewModel section : record().sections()) {
            assertThat(robot.lookup("#section-" + section.id()).tryQuery()).isPresent();
        }
        // Every statement is either backed by evidence spans or marked unsupported in place.
        long unsupported = record().sections().stream().flatMap(s -> s.statements().stream())
                .filter(s -> !s.supported()).count();
        assertThat(robot.lookup(".reason-unsupported").queryAll()).hasSize((int) unsupported);
        assertThat(robot.lookup("#engine-status").queryAs(Label.class).getText()).isEqualTo("Ready");
    }

    @Test
    @Order(2)
    void cancelMidDraftKeepsThePartialDraftMarkedAndTheUiUsable() throws Exception {
        changeNote(" Seen again for the cough.");
        gate.holdAfterSections(2); // some sections written, the rest still to come
        robot.clickOn("#draft-button");
        gate.awaitHeld();
        DesktopHarness.waitUntil(10, () -> record().state().get() == RecordViewModel.State.STREAMING);
        assertThat(robot.lookup("#status-activity").queryAs(Label.class).getText()).isEqualTo("Drafting the record");
        DesktopHarness.waitUntil(10, () -> record().sections().stream().anyMatch(s -> !s.text().get().isBlank()));
        java.util.Map<String, String> written = textsSoFar();

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        DesktopHarness.waitUntil(30, () -> record().state().get() == RecordViewModel.State.CANCELLED);
        // What was finished is kept; what was not is marked stopped, or shows what it showed before this
        // draft (the first one) saying it was not redrafted; never left looking drafted or empty.
        assertThat(record().sections()).allSatisfy(section -> assertThat(section.state().get()).isIn(
                SectionViewModel.State.DRAFTED, SectionViewModel.State.NOT_DOCUMENTED, SectionViewModel.State.STOPPED,
                SectionViewModel.State.NOT_DRAFTED));
        SectionViewModel last = record().sections().stream()
                .filter(section -> section.state().get() == SectionViewModel.State.STOPPED
                        || section.interrupted().get() != null).findFirst().orElseThrow();
        assertThat(robot.lookup("#record-message").queryAs(Label.class).getText()).contains("partial draft is kept");
        assertThat(robot.lookup("#badge-" + last.id()).queryAs(Label.class).getText())
                .matches("Stopped — .*|Not redrafted \\(cancelled\\)|Not drafted \\(cancelled\\)");
        // The partial text itself is kept: every section still shows what it showed when Esc was pressed.
        assertThat(written).isNotEmpty();
        written.forEach((id, text) -> assertThat(section(id).text().get()).as(id).startsWith(text));
        // Still usable: typing works, and Draft is enabled again once the engine is idle.
        robot.clickOn("#source-text").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL)
                .write(" Cough worse at night.");
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().endsWith("night."));
        DesktopHarness.waitUntil(30, () -> !robot.lookup("#draft-button").queryAs(Node.class).isDisabled());
    }

    @Test
    @Order(3)
    void switchingLanguageMidDraftKeepsTheWorkAndFinishesTheDraft() throws Exception {
        changeNote(" Fever settled.");
        String note = workspace().sources().note().text().get();
        gate.holdAtToken(20);
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
        changeNote(" Chest clear today.");
        gate.holdAtToken(20);
        robot.clickOn("#draft-button");
        gate.awaitHeld();
        long pid = harness.engine.workerPid();
        assertThat(pid).isPositive();
        java.util.Map<String, String> written = textsSoFar();
        Node banner = robot.lookup("#engine-banner").queryAs(Node.class);
        java.util.concurrent.atomic.AtomicBoolean bannerShown = new java.util.concurrent.atomic.AtomicBoolean();
        DesktopHarness.onFx(() -> banner.visibleProperty().addListener((obs, was, now) -> {
            if (now) {
                bannerShown.set(true);
            }
        }));

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        gate.release();

        DesktopHarness.waitUntil(30, () -> record().state().get() == RecordViewModel.State.ERROR);
        assertThat(robot.lookup("#record-message").queryAs(Label.class).getText()).contains("engine stopped");
        DesktopHarness.waitUntil(30, bannerShown::get);
        assertThat(robot.lookup("#engine-banner .banner-text").queryAs(Label.class).getText())
                .isEqualTo("The AI engine stopped unexpectedly — your work is safe");
        written.forEach((id, text) -> assertThat(section(id).text().get()).as(id).startsWith(text));
        // The work is still there and editable while the engine restarts.
        robot.clickOn("#source-text").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL)
                .write(" Recovering.");
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
            changeNote(" Review " + i + ".");
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

    @Test
    @Order(6)
    void aNoteOverTheSizeLimitIsRefusedWithTheLimitWhileTheUiStaysUsable() throws Exception {
        String sentence = "Patient reports cough and fever for three days; takes paracetamol 500 mg. ";
        String tooLong = sentence.repeat(org.medscribe.draft.InputScreen.MAX_CHARACTERS / sentence.length() + 1)
                .substring(0, org.medscribe.draft.InputScreen.MAX_CHARACTERS + 1);
        DesktopHarness.onFx(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(tooLong);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#source-text").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().equals(tooLong));

        robot.clickOn("#draft-button");

        DesktopHarness.waitUntil(30, () -> record().state().get() == RecordViewModel.State.ERROR);
        assertThat(robot.lookup("#record-message").queryAs(Label.class).getText())
                .contains("too long to draft from").contains("100,000");
        assertThat(workspace().sources().note().text().get()).isEqualTo(tooLong);
        assertThat(robot.lookup("#draft-button").queryAs(Node.class).isDisabled()).isFalse();
    }

    /**
     * Types a few words at the end of the note: the drafting service caches the extraction of
     * identical sources, and these tests need the model to generate.
     */
    private void changeNote(String words) throws Exception {
        robot.clickOn("#source-text").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL)
                .write(words);
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().endsWith(words));
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

    /** The text each section shows now (after this frame's events are drawn), for those with any. */
    private java.util.Map<String, String> textsSoFar() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        DesktopHarness.onFx(() -> record().sections().stream().filter(section -> !section.text().get().isBlank())
                .forEach(section -> texts.put(section.id(), section.text().get())));
        return texts;
    }

    private SectionViewModel section(String id) {
        return record().sections().stream().filter(section -> section.id().equals(id)).findFirst().orElseThrow();
    }
}
