package org.medscribe.diagnosis.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.RunningWork;
import org.medscribe.ui.UnexpectedErrors;
import org.junit.jupiter.api.Test;

/** The suggestions pane's view-model, with a scripted service on a manual "inference thread". */
class SuggestionsViewModelTest {

    private final Deque<Runnable> background = new ArrayDeque<>();
    private final Executor sameThread = Runnable::run;
    private final List<String> unexpected = new ArrayList<>();
    private final RunningWork running = new RunningWork();
    private String note = "Cough for five days, fever.";

    private SuggestionsViewModel model(String diagnosis) {
        DiagnosticSuggesting suggesting = (sources, answers, language, token) -> new DiagnosticSuggesting.Suggestions(
                List.of(new DiagnosticSuggesting.Diagnosis(diagnosis, "J18.9", new MessageKey("diagnosis.likelihood.high"),
                        List.of(), List.of())),
                List.of("Low oxygen saturation"), List.of("Chest X-ray"),
                List.of(new DiagnosticSuggesting.Question("q1", "Any chest pain?")));
        BackgroundTasks tasks = new BackgroundTasks(sameThread, background::add, background::add,
                new UnexpectedErrors(sameThread, unexpected::add));
        return new SuggestionsViewModel(suggesting, tasks, running, () -> Map.of("note", note), () -> "en");
    }

    @Test
    void suggestionsArriveWithTheirQuestionsAndTheWorkEnds() {
        SuggestionsViewModel model = model("Community-acquired pneumonia");
        model.suggest();
        assertThat(model.state().get()).isEqualTo(SuggestionsViewModel.State.LOADING);
        assertThat(running.busy().get()).isTrue();
        background.poll().run();

        assertThat(model.state().get()).isEqualTo(SuggestionsViewModel.State.DONE);
        assertThat(model.differential()).extracting(DiagnosticSuggesting.Diagnosis::name)
                .containsExactly("Community-acquired pneumonia");
        assertThat(model.questions()).hasSize(1);
        assertThat(running.busy().get()).isFalse();
    }

    @Test
    void suggestionsForthePreviousEncounterNeverLandInTheOneOpenedMeanwhile() {
        SuggestionsViewModel model = model("OLD PATIENT pneumonia");
        model.suggest();
        model.clear(); // the shell opens another encounter while the model still works
        background.poll().run();

        assertThat(model.differential()).isEmpty();
        assertThat(model.redFlags()).isEmpty();
        assertThat(model.questions()).isEmpty();
        assertThat(model.state().get()).isEqualTo(SuggestionsViewModel.State.IDLE);
        assertThat(running.busy().get()).isFalse();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void theDoctorsDecisionsAreKeptWithTheEncounterEvenWhenMadeBeforeTheSuggestionsAreStored() {
        List<String> kept = new ArrayList<>();
        List<String> decided = new ArrayList<>();
        SuggestionsViewModel model = model("Community-acquired pneumonia");
        model.setRecords(new SuggestionsViewModel.Records() {
            @Override
            public String owner() {
                return "encounter-1";
            }

            @Override
            public List<String> keep(String owner, List<DiagnosticSuggesting.Diagnosis> differential) {
                differential.forEach(d -> kept.add(owner + ":" + d.name()));
                return List.of("suggestion-1");
            }

            @Override
            public void decide(String id, boolean keep) {
                decided.add(id + "=" + (keep ? "kept" : "discarded"));
            }
        });
        model.suggest();
        background.poll().run(); // the suggestions arrive; storing them is queued
        DiagnosticSuggesting.Diagnosis pneumonia = model.differential().get(0);
        model.discard(pneumonia); // decided before they are on disk
        assertThat(model.decisions()).containsEntry(pneumonia, SuggestionsViewModel.Decision.DISCARDED);
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertThat(kept).containsExactly("encounter-1:Community-acquired pneumonia");
        assertThat(decided).containsExactly("suggestion-1=discarded");

        model.keep(pneumonia); // changes their mind: a later decision supersedes
        model.keep(pneumonia); // the same decision twice is recorded once
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertThat(decided).containsExactly("suggestion-1=discarded", "suggestion-1=kept");
        assertThat(running.busy().get()).isFalse();
    }

    @Test
    void nothingToSuggestFromIsAnInlineMessage() {
        note = " ";
        SuggestionsViewModel model = model("x");
        model.suggest();
        assertThat(model.message().get().key()).isEqualTo("record.error.noSources");
        assertThat(background).isEmpty();
    }
}
