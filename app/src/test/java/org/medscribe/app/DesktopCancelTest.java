package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.draft.ui.SectionViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A draft stopped early, by Esc or by a killed engine, on the real engine (the tiny random model)
 * over a note long enough to be read in several chunks: a section the stopped draft never finished
 * is never called "not documented"; text it wrote stays, marked stopped; a section it never reached
 * shows what it showed before (the previous complete draft), saying it was not redrafted and why,
 * or, with nothing before, that it was not drafted. The drafting is the app's own behind a gate
 * that holds the token stream, so Esc and the kill land mid-generation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopCancelTest extends GatedDesktopTest {

    /** What each section showed when the previous draft ended. */
    private Map<String, String> before = Map.of();

    /** An ACI-BENCH dialogue in full (Yim et al., 2023, CC BY 4.0): several chunks for the tiny model. */
    private static String longNote() throws java.io.IOException {
        String line = java.nio.file.Files.readAllLines(TestModels.data("aci-bench/valid-20.jsonl")).get(0);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("dialogue").asText();
    }

    private void setNote(String text) throws Exception {
        DesktopHarness.onFx(() -> harness.workspace().sources().note().edit(text));
        DesktopHarness.waitUntil(30, () -> record().canDraft().get());
    }

    private Map<String, String> texts() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, String> texts = new LinkedHashMap<>();
        DesktopHarness.onFx(() -> record().sections().forEach(section -> texts.put(section.id(), section.text().get())));
        return texts;
    }

    @Test
    @Order(1)
    void aCompleteDraftFirst() throws Exception {
        setNote(longNote());
        DesktopHarness.onFx(record()::draft);
        DesktopHarness.waitUntil(300, () -> record().state().get() == RecordViewModel.State.DONE);
        before = texts();
        assertThat(before.values()).anySatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    @Order(2)
    void escKeepsWhatWasThereUnlessNewTextReplacedIt() throws Exception {
        setNote(longNote() + " Seen again.");
        gate.holdAfterTexts(1); // the first fact written, the rest of the record still to come
        DesktopHarness.onFx(record()::draft);
        gate.awaitHeld();
        Map<String, String> atEsc = texts();

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        DesktopHarness.waitUntil(60, () -> record().state().get() == RecordViewModel.State.CANCELLED);
        assertThat(robot.lookup("#record-message").queryAs(Label.class).getText()).contains("partial draft is kept");
        checkStopped(atEsc, "(cancelled)");
        harness.screenshot(null, "cancelled-draft-en.png");
        harness.useLanguage("zh_CN");
        harness.screenshot(null, "cancelled-draft-zh_CN.png");
        harness.useLanguage("en");
    }

    @Test
    @Order(3)
    void aKilledEngineKeepsWhatWasThereTheSameWay() throws Exception {
        before = texts();
        setNote(longNote() + " Seen a third time.");
        gate.holdAfterTexts(1);
        DesktopHarness.onFx(record()::draft);
        gate.awaitHeld();
        Map<String, String> atKill = texts();
        long pid = harness.engine.workerPid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        gate.release();

        DesktopHarness.waitUntil(60, () -> record().state().get() == RecordViewModel.State.ERROR);
        checkStopped(atKill, "(engine stopped)");
        DesktopHarness.waitUntil(120, () -> harness.workspace().engineStatus().state().get() == EngineState.READY);
    }

    /** Each section after a stop, against what it showed before the draft and when it was stopped. */
    private void checkStopped(Map<String, String> atStop, String saying) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        int kept = 0;
        for (SectionViewModel section : record().sections()) {
            String id = section.id();
            String now = section.text().get();
            String state = section.state().get().name();
            boolean finishedByThisDraft = gate.completed.contains(id);
            String badge = robot.lookup("#badge-" + id).tryQuery().map(node -> ((Label) node).getText()).orElse("");
            if (!atStop.get(id).isBlank()) {
                assertThat(now).as(id).startsWith(atStop.get(id)); // what was written is kept
            } else if (!finishedByThisDraft && state.equals("STOPPED") && badge.startsWith("Stopped")) {
                // Written between the stop asked for and the engine stopping: the new text, marked stopped.
                assertThat(gate.written.getOrDefault(id, "")).as(id).isNotBlank();
            } else if (!finishedByThisDraft) {
                // Never reached: what it showed before is back, and it says why it was not redrafted.
                assertThat(now).as(id).isEqualTo(before.get(id));
                if (!now.isBlank() || state.equals("NOT_DOCUMENTED")) {
                    assertThat(badge).as(id).isEqualTo("Not redrafted " + saying);
                    kept++;
                } else {
                    assertThat(state).as(id).isEqualTo("NOT_DRAFTED");
                    assertThat(badge).as(id).isEqualTo("Not drafted " + saying);
                }
            } else if (state.equals("NOT_DOCUMENTED")) {
                assertThat(badge).as(id).isEqualTo("Not documented");
            }
        }
        assertThat(kept).as("sections given back their earlier text").isPositive();
    }
}
