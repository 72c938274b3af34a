package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.medscribe.diagnosis.ui.DiagnosticSuggesting;
import org.medscribe.diagnosis.ui.SuggestionsViewModel;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;

/**
 * Answering a follow-up question (问诊) on the real window, the real engine with the tiny model and a
 * real store: while the suggestions are made again, the previous differential stays on screen and
 * the question with its answer is listed under the answers given; the answer is kept with the
 * encounter (there again after another encounter was opened and this one reopened), and "Add to
 * note" puts it into the note as a line. The suggestions are {@link ScriptedClinic}'s, held on the
 * second round until the test has looked.
 */
class DesktopFollowUpAnswersTest extends DesktopTest {

    @Test
    void anAnswerStaysWithTheEncounterAndCanBeAddedToTheNote() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        DiagnosticSuggesting scripted = ScriptedClinic.suggesting(0);
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        DiagnosticSuggesting heldOnSecondRound = (sources, answers, language, cancel) -> {
            if (rounds.incrementAndGet() == 2) {
                Runnable unregister = cancel.onCancel(release::countDown);
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    unregister.run();
                }
            }
            return scripted.suggest(sources, answers, language, cancel);
        };
        harness = DesktopHarness.startScripted(dataDir, settings, () -> heldOnSecondRound);
        String encounterId = harness.newEncounter(robot, "Chen Wei", "MRN-0001");
        DesktopHarness.onFx(() -> workspace().sources().note().edit(ScriptedClinic.NOTE_EN));

        SuggestionsViewModel suggestions = workspace().suggestions();
        robot.clickOn("#suggest-button");
        DesktopHarness.waitUntil(30, () -> suggestions.state().get() == SuggestionsViewModel.State.DONE
                && robot.lookup("#answer-0").tryQuery().isPresent());
        String question = suggestions.questions().get(0).question().text();
        // Below the differential (the pane scrolls): typed into and pressed where they are.
        DesktopHarness.onFx(() -> robot.lookup("#answer-0").queryAs(javafx.scene.control.TextField.class)
                .setText("Yes, green sputum since Monday."));
        DesktopHarness.onFx(() -> robot.lookup("#update-suggestions").queryAs(javafx.scene.control.Button.class).fire());

        // While the new suggestions are made: the differential, the question and its answer stay shown.
        DesktopHarness.waitUntil(10, () -> suggestions.state().get() == SuggestionsViewModel.State.LOADING);
        DesktopHarness.waitUntil(10, () -> robot.lookup("#answered-0").tryQuery().isPresent());
        assertThat(robot.lookup("#keep-1").tryQuery()).isPresent();
        assertThat(robot.lookup("#answered-0").queryAs(Label.class).getText()).isEqualTo("Yes, green sputum since Monday.");
        assertThat(robot.lookup(".answered-question").queryAs(Label.class).getText()).isEqualTo(question);
        release.countDown();
        DesktopHarness.waitUntil(30, () -> suggestions.state().get() == SuggestionsViewModel.State.DONE);
        assertThat(robot.lookup("#answered-0").queryAs(Label.class).getText()).isEqualTo("Yes, green sputum since Monday.");

        // Kept with the encounter: there again once the encounter is reopened.
        DesktopHarness.waitUntil(10, () -> harness.store.suggestions().suggestions(encounterId).stream()
                .anyMatch(kept -> kept.kind().equals("follow_up_answer")));
        harness.newEncounter(robot, "Li Na", "MRN-0002");
        assertThat(robot.lookup("#answered-0").tryQuery()).isEmpty();
        DesktopHarness.clickEncounter(robot, "Chen Wei");
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get().id().equals(encounterId)
                && robot.lookup("#answered-0").tryQuery().isPresent());
        assertThat(suggestions.answered()).containsExactly(
                new SuggestionsViewModel.Answered(question, "Yes, green sputum since Monday."));

        // Add to note: the question and the answer become a line of the note.
        DesktopHarness.onFx(() -> robot.lookup("#add-answer-0").queryAs(javafx.scene.control.Button.class).fire());
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get()
                .endsWith("\n" + question + " — Yes, green sputum since Monday."));
        assertThat(workspace().sources().note().text().get()).startsWith(ScriptedClinic.NOTE_EN);
        harness.screenshot(null, "answers-given-en.png");
        harness.useLanguage("zh_CN");
        harness.screenshot(null, "answers-given-zh_CN.png");
    }
}
