package org.medscribe.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;

/** The one background-work helper: handler order, error routing, nothing lost. */
class BackgroundTasksTest {

    private final Deque<Runnable> work = new ArrayDeque<>();
    private final List<String> shown = new ArrayList<>();
    private final Executor ui = Runnable::run;
    private final BackgroundTasks tasks = new BackgroundTasks(ui, work::add, work::add,
            new UnexpectedErrors(ui, shown::add));

    @Test
    void successThenFinishedRunInOrder() {
        List<String> calls = new ArrayList<>();
        tasks.io(() -> "done").onSuccess(value -> calls.add("success " + value))
                .onError(RuntimeException.class, e -> calls.add("error")).onFinished(() -> calls.add("finished"));
        assertThat(calls).isEmpty();
        work.poll().run();
        assertThat(calls).containsExactly("success done", "finished");
    }

    @Test
    void theFirstMatchingErrorHandlerTakesTheFailure() {
        List<String> calls = new ArrayList<>();
        tasks.inference(() -> {
            throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "draft.error.empty");
        }).onError(CancelledException.class, e -> calls.add("cancelled"))
                .onError(MedScribeException.class, e -> calls.add(e.messageKey()))
                .onError(RuntimeException.class, e -> calls.add("runtime"))
                .onFinished(() -> calls.add("finished"));
        work.poll().run();
        assertThat(calls).containsExactly("draft.error.empty", "finished");
        assertThat(shown).isEmpty();
    }

    @Test
    void anUnhandledFailureReachesTheErrorDialogWithAStableCode() {
        tasks.io(() -> {
            throw new IllegalStateException("bug");
        }).onError(MedScribeException.class, e -> { });
        work.poll().run();
        tasks.io(() -> {
            throw new IllegalStateException("same bug, other message");
        });
        work.poll().run();
        assertThat(shown).hasSize(2).allMatch(code -> code.matches("MS-[0-9A-F]{6}"));
        assertThat(shown.get(0)).isNotEqualTo(UnexpectedErrors.codeOf(new IllegalArgumentException()));
    }

    @Test
    void anUnhandledCancellationIsQuiet() {
        tasks.io(() -> {
            throw new CancelledException();
        });
        work.poll().run();
        assertThat(shown).isEmpty();
    }

    @Test
    void aHandlerAddedAfterTheOutcomeRunsAtOnce() {
        BackgroundTask<String> task = tasks.io(() -> "early");
        work.poll().run();
        List<String> calls = new ArrayList<>();
        task.onSuccess(calls::add).onFinished(() -> calls.add("finished"));
        assertThat(calls).containsExactly("early", "finished");
    }
}
