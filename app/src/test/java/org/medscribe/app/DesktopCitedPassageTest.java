package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;

/**
 * An unsupported statement shows the passage it cited, not only that the passage does not say it: on
 * the real window beside the real engine, with {@link ScriptedClinic}'s drafting, whose "Amoxicillin
 * 1 g was started." cites the note's sentence about metformin.
 */
class DesktopCitedPassageTest extends DesktopTest {

    @Test
    void anUnsupportedStatementShowsTheSourceTextItCited() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        harness = DesktopHarness.start(dataDir, settings, parts -> MedScribeApplication.services(parts.directories(),
                settings, parts.engine(), parts.encounters())
                .withDrafting(ScriptedClinic.drafting(MedScribeApplication.services(parts.directories(), settings,
                        parts.engine(), parts.encounters()).drafting(), 0)).withoutCrash());
        DesktopHarness.onFx(() -> {
            harness.desktop.stage().setWidth(1280);
            harness.desktop.stage().setHeight(720);
        });
        DesktopHarness.waitUntil(120, () -> workspace().engineStatus().state().get() == EngineState.READY);
        harness.dialogs.answers.add(List.of("Chen Wei", "MRN-0001"));
        DesktopHarness.onFx(() -> workspace().encounterList().newEncounter());
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null);
        DesktopHarness.onFx(() -> workspace().sources().note().edit(ScriptedClinic.NOTE_EN));
        robot.clickOn("#draft-button");
        DesktopHarness.waitUntil(60, () -> workspace().record().state().get() == RecordViewModel.State.DONE);

        String cited = ScriptedClinic.CITED.get("Amoxicillin 1 g was started.");
        DesktopHarness.waitUntil(10, () -> robot.lookup("#section-assessment .reason-cited").tryQuery().isPresent());
        List<String> reasons = robot.lookup("#section-assessment .section-reason").queryAll().stream()
                .map(node -> ((Labeled) node).getText()).toList();
        assertThat(reasons).anySatisfy(line -> assertThat(line).contains("Amoxicillin 1 g was started."));
        assertThat(robot.lookup("#section-assessment .reason-cited").queryAs(Labeled.class).getText())
                .isEqualTo("The cited passage reads: “" + cited + "”");
        javafx.scene.control.ScrollPane record = robot.lookup(".record-scroll")
                .queryAs(javafx.scene.control.ScrollPane.class);
        Node card = robot.lookup("#section-assessment").query();
        DesktopHarness.onFx(() -> record.setVvalue(card.getBoundsInParent().getMinY()
                / Math.max(1, record.getContent().getBoundsInLocal().getHeight()
                - record.getViewportBounds().getHeight())));
        org.medscribe.ui.Screens.save(harness.desktop.stage(), "cited-passage-en.png");
    }
}
