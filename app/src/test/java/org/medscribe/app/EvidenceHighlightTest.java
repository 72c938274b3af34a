package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javafx.geometry.Bounds;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.draft.ui.SectionViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;

/**
 * Clicking a statement highlights its evidence in the sources. The real engine runs (the model is
 * loaded, the status is real), beside a scripted drafting that carries verified evidence spans: the
 * tiny random model's text has none to show.
 */
class EvidenceHighlightTest extends DesktopTest {

    @Test
    void clickingAStatementHighlightsItsEvidenceAndEditingMakesTheSectionTheDoctors() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        harness = DesktopHarness.start(dataDir, settings, parts -> {
            Workspace.Services real = MedScribeApplication.services(parts.directories(), settings, parts.engine(), parts.encounters());
            return new Workspace.Services(real.engine(), Optional.empty(), real.inspection(), real.catalog(),
                    ScriptedClinic.drafting(real.drafting(), 0), ScriptedClinic.suggesting(0), real.encounters(),
                    real.importing());
        });
        DesktopHarness.waitUntil(120, () -> harness.workspace().engineStatus().state().get() == EngineState.READY);
        DesktopHarness.onFx(() -> harness.workspace().sources().note().edit(ScriptedClinic.NOTE_EN));
        robot.clickOn("#draft-button");
        RecordViewModel record = harness.workspace().record();
        DesktopHarness.waitUntil(60, () -> record.state().get() == RecordViewModel.State.DONE);

        SectionViewModel complaint = record.sections().get(0);
        StyleClassedTextArea area = robot.lookup("#section-chief_complaint .section-text")
                .queryAs(StyleClassedTextArea.class);
        Bounds bounds = area.localToScreen(area.getBoundsInLocal());
        robot.clickOn(bounds.getMinX() + 30, bounds.getMinY() + area.getHeight() / 2);

        DesktopHarness.waitUntil(10, () -> harness.desktop.mainView().sourcesView().highlightedText()
                .equals("a cough for five days" + "fever up to 38.6 C since yesterday"));
        assertThat(record.selectedStatement().get().text()).isEqualTo("Cough for five days with fever since yesterday.");
        DesktopHarness.waitUntil(10, () -> area.getStyleOfChar(2).contains("statement-selected"));

        // The plan was not in the sources: empty to fill, not filled.
        SectionViewModel assessment = record.sections().stream().filter(s -> s.id().equals("assessment"))
                .findFirst().orElseThrow();
        assertThat(assessment.statements()).anySatisfy(s -> assertThat(s.supported()).isFalse());
        SectionViewModel plan = record.sections().stream().filter(s -> s.id().equals("plan")).findFirst()
                .orElseThrow();
        assertThat(plan.state().get()).isEqualTo(SectionViewModel.State.NOT_DOCUMENTED);
        assertThat(robot.lookup("#section-plan").queryAs(javafx.scene.Node.class).getPseudoClassStates())
                .contains(javafx.css.PseudoClass.getPseudoClass("not-documented"));
        // Reasons show under a section only when it has some (an empty box would still take room).
        assertThat(robot.lookup("#section-plan .section-reasons").queryAs(javafx.scene.Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#section-assessment .section-reasons").queryAs(javafx.scene.Node.class).isVisible())
                .isTrue();

        // The doctor types into the section: it becomes theirs.
        robot.clickOn(bounds.getMinX() + 30, bounds.getMinY() + area.getHeight() / 2)
                .type(javafx.scene.input.KeyCode.END).write(" Worse at night.");
        DesktopHarness.waitUntil(10, () -> complaint.editedByDoctor().get());
        assertThat(robot.lookup("#section-chief_complaint").queryAs(javafx.scene.Node.class).getPseudoClassStates())
                .contains(javafx.css.PseudoClass.getPseudoClass("doctor-edited"));

        // Copy the record in the EMR plain-text layout.
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.C)
                .release(javafx.scene.input.KeyCode.C, javafx.scene.input.KeyCode.SHIFT,
                        javafx.scene.input.KeyCode.CONTROL);
        DesktopHarness.waitUntil(10, () -> harness.dialogs.clipboard != null);
        assertThat(harness.dialogs.clipboard).contains("Cough for five days with fever since yesterday. Worse at night.")
                .containsIgnoringCase("Chief complaint").containsIgnoringCase("Plan");

        // Save (Ctrl+S) into the encrypted store, start another encounter, reopen the first: all is back.
        harness.dialogs.nextText = java.util.List.of("Chen Wei", "MRN-0001");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.S)
                .release(javafx.scene.input.KeyCode.S, javafx.scene.input.KeyCode.CONTROL);
        DesktopHarness.waitUntil(20, () -> harness.workspace().encounterList().items().size() == 1);
        harness.dialogs.nextText = java.util.List.of("Li Na", "MRN-0002");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.N)
                .release(javafx.scene.input.KeyCode.N, javafx.scene.input.KeyCode.CONTROL);
        DesktopHarness.waitUntil(20, () -> harness.workspace().sources().note().text().get().isEmpty()
                && harness.workspace().encounterList().items().size() == 2);
        DesktopHarness.clickEncounter(robot, "Chen Wei · MRN-0001");
        DesktopHarness.waitUntil(20, () -> harness.workspace().sources().note().text().get()
                .equals(ScriptedClinic.NOTE_EN));
        SectionViewModel reopened = record.sections().get(0);
        assertThat(reopened.text().get()).isEqualTo("Cough for five days with fever since yesterday. Worse at night.");
        assertThat(reopened.editedByDoctor().get()).isTrue();
    }
}
