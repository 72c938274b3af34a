package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.review.ui.SigningViewModel;
import org.medscribe.settings.Settings;

/**
 * Signing past critical findings in the real dialog, in English and in 简体中文, on the real window
 * (1280×720), the real engine with the tiny model and a real store: the dialog lists every critical
 * finding on a line of its own, wrapped, none cut short with "…", all inside the dialog, which can be
 * resized; the reason typed there signs the record. The drafting is {@link ScriptedClinic}'s (its
 * record has no plan, a critical finding). A screenshot of each is left in {@code target/}.
 */
class DesktopCriticalFindingsTest extends DesktopTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh_CN"})
    void theCriticalFindingsDialogListsEveryFindingReadably(String language) throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel()).withUiLanguage(language);
        harness = DesktopHarness.startScripted(dataDir, settings, () -> ScriptedClinic.suggesting(0));
        harness.newEncounter(robot, "Chen Wei", "MRN-0001");
        DesktopHarness.onFx(() -> workspace().sources().note().edit(ScriptedClinic.NOTE_EN));
        DesktopHarness.onFx(workspace().record()::draft);
        DesktopHarness.waitUntil(60, () -> workspace().record().state().get() == RecordViewModel.State.DONE);

        harness.dialogs.answers.add(List.of("Dr Zhou", "attending physician"));
        harness.dialogs.realPrompts.add("signing.override.title");
        SigningViewModel signing = workspace().signing();
        DesktopHarness.onFx(signing::sign);
        DesktopHarness.waitUntil(30, () -> robot.lookup("#ask-lines").tryQuery().isPresent());
        DesktopHarness.waitUntil(10, () -> robot.lookup("#ask-line-0").queryAs(Label.class).getHeight() > 0);
        List<String> lines = harness.dialogs.asked.stream()
                .filter(prompt -> prompt.get(0).equals("signing.override.title")).findFirst().orElseThrow();
        List<String> shown = lines.subList(1, lines.size());
        assertThat(shown).isNotEmpty();
        if (language.startsWith("zh")) {
            assertThat(shown).allSatisfy(line -> assertThat(line).containsPattern("\\p{IsHan}"));
        } else {
            assertThat(shown).anySatisfy(line -> assertThat(line).startsWith("Plan"));
        }

        Node list = robot.lookup("#ask-lines").query();
        Window dialog = list.getScene().getWindow();
        assertThat(((Stage) dialog).isResizable()).isTrue();
        harness.screenshot(dialog, "critical-findings-" + language + ".png");
        for (int i = 0; i < shown.size(); i++) {
            Label line = robot.lookup("#ask-line-" + i).queryAs(Label.class);
            assertThat(line.getText()).isEqualTo("• " + shown.get(i));
            // What is laid out is the whole text: no "…" instead of its end.
            Text laidOut = (Text) line.lookup(".text");
            assertThat(laidOut.getText()).as("line %d as laid out", i).isEqualTo(line.getText());
            double[] heights = new double[2];
            DesktopHarness.onFx(() -> {
                heights[0] = line.getHeight();
                heights[1] = line.prefHeight(line.getWidth());
            });
            assertThat(heights[0]).as("line %d is as tall as its wrapped text", i).isGreaterThanOrEqualTo(heights[1] - 0.5);
            Bounds onScreen = line.localToScreen(line.getBoundsInLocal());
            assertThat(onScreen.getMinX()).isGreaterThanOrEqualTo(dialog.getX());
            assertThat(onScreen.getMaxX()).isLessThanOrEqualTo(dialog.getX() + dialog.getWidth());
            assertThat(onScreen.getMinY()).isGreaterThanOrEqualTo(dialog.getY());
            assertThat(onScreen.getMaxY()).isLessThanOrEqualTo(dialog.getY() + dialog.getHeight());
        }
        Label body = robot.lookup("#ask-body").queryAs(Label.class);
        assertThat(((Text) body.lookup(".text")).getText()).isEqualTo(body.getText());

        // The reason typed in the dialog signs over the findings.
        robot.clickOn("#ask-field-0").write("Plan given verbally; patient returns tomorrow");
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        DesktopHarness.waitUntil(30, () -> signing.status().get() == SigningViewModel.Status.SIGNED);
    }
}
