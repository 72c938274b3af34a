package org.medscribe.quality.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.quality.RecordQuality;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.RunningWork;
import org.medscribe.ui.UnexpectedErrors;

/**
 * The Quality tab's view-model over a scripted check (the real quality control runs in the desktop
 * tests): ordering of answers, a stopped AI check, outdated findings, picking a finding.
 */
class QualityViewModelTest {

    private final Deque<Runnable> background = new ArrayDeque<>();
    private final Executor sameThread = Runnable::run;
    private final List<String> unexpected = new ArrayList<>();
    private final RunningWork running = new RunningWork();
    private final BackgroundTasks tasks = new BackgroundTasks(sameThread, background::add, background::add,
            new UnexpectedErrors(sameThread, unexpected::add));
    private final RecordQuality.Request request = new RecordQuality.Request(null,
            new org.medscribe.record.KeptRecord("soap-en", "en", List.of()), List.of());

    private static RecordQuality.Finding finding(String rule, String severity) {
        RecordQuality.Localized text = new RecordQuality.Localized(rule, rule);
        return new RecordQuality.Finding(rule, severity, "rule", "plan", "Plan", 0, 4, text, text, null, null,
                List.of(), List.of());
    }

    private static RecordQuality.Report report(int score, RecordQuality.Finding... findings) {
        return new RecordQuality.Report("en", score, score >= 90 ? "A" : "C", 0, 0, findings.length, false,
                List.of(findings), null);
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void aNewerCheckWinsOverAnOlderOneThatAnswersLater() {
        Deque<RecordQuality.Report> answers = new ArrayDeque<>(List.of(report(60, finding("plan.missing",
                "critical")), report(95)));
        QualityViewModel model = new QualityViewModel((r, withModel, cancel) -> answers.poll(), tasks, running,
                () -> request);
        model.check();
        model.check();
        Runnable older = background.poll();
        Runnable newer = background.poll();
        newer.run();
        older.run();
        assertThat(model.report().get().score()).isEqualTo(60);
        assertThat(model.findings()).extracting(RecordQuality.Finding::rule).containsExactly("plan.missing");
        // The older answer was computed second here (the scripted check answers in call order), and still lost.
        assertThat(model.state().get()).isEqualTo(QualityViewModel.State.DONE);
    }

    @Test
    void aStoppedAiCheckLeavesTheRuleFindingsStanding() {
        RecordQuality.Report rules = report(80, finding("hpi.no_onset", "major"));
        CancellationToken[] seen = new CancellationToken[1];
        QualityViewModel model = new QualityViewModel((r, withModel, cancel) -> {
            if (!withModel) {
                return rules;
            }
            seen[0] = cancel;
            cancel.throwIfCancelled();
            throw new AssertionError("the check should have been cancelled");
        }, tasks, running, () -> request);
        model.check();
        runBackground();
        model.checkWithModel();
        assertThat(model.modelRunning().get()).isTrue();
        assertThat(running.busy().get()).isTrue();
        running.cancelAll(); // Esc
        runBackground();
        assertThat(seen[0].isCancelled()).isTrue();
        assertThat(model.modelRunning().get()).isFalse();
        assertThat(running.busy().get()).isFalse();
        assertThat(model.report().get()).isSameAs(rules);
        assertThat(model.state().get()).isEqualTo(QualityViewModel.State.DONE);
        assertThat(model.message().get().key()).isEqualTo("quality.ui.modelCancelled");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void editsMarkFindingsOutdatedAndPickingOneShowsIt() {
        RecordQuality.Finding missing = finding("plan.missing", "critical");
        QualityViewModel model = new QualityViewModel((r, withModel, cancel) -> report(74, missing), tasks, running,
                () -> request);
        List<RecordQuality.Finding> shown = new ArrayList<>();
        model.setOnShow(shown::add);
        model.markOutdated();
        assertThat(model.outdated().get()).isFalse(); // nothing checked yet
        model.check();
        runBackground();
        model.markOutdated();
        assertThat(model.outdated().get()).isTrue();
        model.select(missing);
        assertThat(shown).containsExactly(missing);
        assertThat(model.blocking()).containsExactly(missing);
        model.clear();
        assertThat(model.report().get()).isNull();
        assertThat(model.outdated().get()).isFalse();
    }

    @Test
    void withoutARecordNothingRuns() {
        Supplier<RecordQuality.Request> none = () -> null;
        QualityViewModel model = new QualityViewModel((r, withModel, cancel) -> {
            throw new AssertionError("no check without a record");
        }, tasks, running, none);
        model.check();
        model.checkWithModel();
        assertThat(background).isEmpty();
        assertThat(model.message().get().key()).isEqualTo("quality.ui.nothingToCheck");
    }
}
