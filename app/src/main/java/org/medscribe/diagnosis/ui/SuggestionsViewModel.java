package org.medscribe.diagnosis.ui;

import java.util.LinkedHashMap;

import java.util.Map;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.record.Evidence;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.RunningWork;

/**
 * The suggestions pane: differential with findings for and against, red flags, investigations,
 * follow-up questions with the doctor's answers, and "update suggestions". Suggestions never
 * change the record by themselves. UI thread.
 */
public final class SuggestionsViewModel {

    /** Where the pane is. */
    public enum State { IDLE, LOADING, DONE, ERROR }

    /** The doctor's decision on a suggested diagnosis. */
    public enum Decision { KEPT, DISCARDED }

    /**
     * Where suggestions and the doctor's decisions are kept (the open encounter's store). Blocking:
     * called on the io executor.
     */
    public interface Records {
        /** Where suggestions shown now belong (the open encounter); read on the FX thread; null: nowhere. */
        String owner();

        /** Keeps the differential with {@code owner}; returns an id per diagnosis, in order. */
        List<String> keep(String owner, List<DiagnosticSuggesting.Diagnosis> differential);

        void decide(String id, boolean kept);

        /** Keeps the doctor's answer to a follow-up question with {@code owner}. */
        default void keepAnswer(String owner, Answered answered) {
        }

        /** The answers kept with {@code owner}, oldest first. */
        default List<Answered> answers(String owner) {
            return List.of();
        }

        Records NONE = new Records() {
            @Override
            public String owner() {
                return null;
            }

            @Override
            public List<String> keep(String owner, List<DiagnosticSuggesting.Diagnosis> differential) {
                return List.of();
            }

            @Override
            public void decide(String id, boolean kept) {
            }
        };
    }

    /** A follow-up question the doctor answered: kept with the encounter, offered to the note. */
    public record Answered(String question, String answer) {

        /** The answer as a line of the note: the question, then the answer. */
        public String noteLine() {
            return question.strip() + " — " + answer.strip();
        }
    }

    /** A follow-up question with the doctor's answer. */
    public static final class AnsweredQuestion {
        private final DiagnosticSuggesting.Question question;
        private final StringProperty answer = new SimpleStringProperty("");

        AnsweredQuestion(DiagnosticSuggesting.Question question, String previous) {
            this.question = question;
            this.answer.set(previous == null ? "" : previous);
        }

        public DiagnosticSuggesting.Question question() {
            return question;
        }

        public StringProperty answer() {
            return answer;
        }
    }

    private final DiagnosticSuggesting suggesting;
    private final BackgroundTasks tasks;
    private final RunningWork running;
    private final Supplier<Map<String, String>> sources;
    private final Supplier<String> recordLanguage;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<MessageKey> message = new ReadOnlyObjectWrapper<>();
    private final ObservableList<DiagnosticSuggesting.Diagnosis> differential = FXCollections.observableArrayList();
    private final ObservableList<String> redFlags = FXCollections.observableArrayList();
    private final ObservableList<String> investigations = FXCollections.observableArrayList();
    private final ObservableList<AnsweredQuestion> questions = FXCollections.observableArrayList();
    private final ObservableList<Answered> answered = FXCollections.observableArrayList();
    private java.util.function.Consumer<String> onAddToNote = line -> { };
    private final ObservableList<Evidence> highlightedEvidence = FXCollections.observableArrayList();
    private final ObservableMap<DiagnosticSuggesting.Diagnosis, Decision> decisions = FXCollections.observableHashMap();
    /** Store ids of the shown differential, once kept. */
    private final Map<DiagnosticSuggesting.Diagnosis, String> keptIds = new HashMap<>();
    private Records records = Records.NONE;
    private CancellationToken cancel;

    public SuggestionsViewModel(DiagnosticSuggesting suggesting, BackgroundTasks tasks, RunningWork running,
                                Supplier<Map<String, String>> sources, Supplier<String> recordLanguage) {
        this.suggesting = Objects.requireNonNull(suggesting, "suggesting");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.running = Objects.requireNonNull(running, "running");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.recordLanguage = Objects.requireNonNull(recordLanguage, "recordLanguage");
    }

    /** First round: suggestions from the sources alone. */
    public void suggest() {
        run(Map.of());
    }

    /**
     * Regenerates with the doctor's answers to the follow-up questions, those given before included.
     * Each new answer is kept with the encounter and listed under the answers given, where it can be
     * added to the note; the differential shown stays until the new one replaces it.
     */
    public void update() {
        if (state.get() == State.LOADING) {
            return;
        }
        for (AnsweredQuestion question : questions) {
            if (!question.answer().get().isBlank()) {
                Answered given = new Answered(question.question().text(), question.answer().get().strip());
                if (!answered.contains(given)) {
                    answered.add(given);
                    keepAnswer(given);
                }
            }
        }
        Map<String, String> answers = new LinkedHashMap<>();
        answered.forEach(given -> answers.put(given.question(), given.answer()));
        run(answers);
    }

    private void keepAnswer(Answered given) {
        Records target = records;
        String owner = target.owner();
        if (owner != null) {
            tasks.io(() -> {
                target.keepAnswer(owner, given);
                return null;
            }).onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)));
        }
    }

    /** The open encounter changed: shows the answers kept with it (after {@link #clear}). */
    public void loadAnswers() {
        Records target = records;
        String owner = target.owner();
        if (owner == null) {
            return;
        }
        long mine = generation;
        tasks.io(() -> target.answers(owner)).onSuccess(kept -> {
            if (mine == generation) {
                answered.setAll(kept);
            }
        }).onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)));
    }

    /** Where "add to the note" puts an answer's line (set by the shell). */
    public void setOnAddToNote(java.util.function.Consumer<String> handler) {
        this.onAddToNote = Objects.requireNonNull(handler, "handler");
    }

    /** Adds the answer to the note, as a line the next draft reads as a source. */
    public void addToNote(Answered given) {
        onAddToNote.accept(given.noteLine());
    }

    /** The follow-up questions the doctor answered, oldest first. */
    public ObservableList<Answered> answered() {
        return answered;
    }

    private void run(Map<String, String> answers) {
        if (state.get() == State.LOADING) {
            return;
        }
        Map<String, String> input = sources.get();
        if (input.values().stream().allMatch(String::isBlank)) {
            message.set(new MessageKey("record.error.noSources"));
            return;
        }
        Map<String, String> previous = new LinkedHashMap<>();
        questions.forEach(q -> previous.put(q.question().text(), q.answer().get()));
        state.set(State.LOADING);
        message.set(null);
        cancel = new CancellationToken();
        CancellationToken token = cancel;
        long mine = ++generation;
        RunningWork.Activity activity = running.start("activity.suggesting", token);
        String language = recordLanguage.get();
        tasks.inference(() -> suggesting.suggest(input, answers, language, token))
                .onSuccess(found -> {
                    if (mine != generation) {
                        return; // another encounter was opened meanwhile: these are not its suggestions
                    }
                    decisions.clear();
                    keptIds.clear();
                    differential.setAll(found.differential());
                    keep(mine, found.differential());
                    redFlags.setAll(found.redFlags());
                    investigations.setAll(found.investigations());
                    questions.setAll(found.questions().stream()
                            .map(q -> new AnsweredQuestion(q, previous.get(q.text()))).toList());
                    state.set(State.DONE);
                })
                .onError(CancelledException.class, stopped -> {
                    if (mine == generation) {
                        state.set(differential.isEmpty() ? State.IDLE : State.DONE);
                        message.set(new MessageKey("diagnosis.message.cancelled"));
                    }
                })
                .onError(MedScribeException.class, failure -> {
                    if (mine == generation) {
                        state.set(State.ERROR);
                        message.set(MessageKey.of(failure));
                    }
                })
                .onFinished(activity::finish);
    }

    /** Where suggestions and decisions are kept (set by the shell; none by default). */
    public void setRecords(Records value) {
        this.records = Objects.requireNonNull(value, "value");
    }

    private void keep(long mine, List<DiagnosticSuggesting.Diagnosis> shown) {
        Records target = records;
        String owner = target.owner();
        if (owner == null) {
            return;
        }
        tasks.io(() -> target.keep(owner, shown)).onSuccess(ids -> {
            if (mine != generation || ids.size() != shown.size()) {
                return;
            }
            for (int i = 0; i < shown.size(); i++) {
                keptIds.put(shown.get(i), ids.get(i));
                Decision early = decisions.get(shown.get(i));
                if (early != null) {
                    store(ids.get(i), early); // decided before the suggestions were on disk
                }
            }
        });
    }

    /** The doctor keeps a suggested diagnosis (it is recorded; the record itself is not changed). */
    public void keep(DiagnosticSuggesting.Diagnosis diagnosis) {
        decide(diagnosis, Decision.KEPT);
    }

    /** The doctor discards a suggested diagnosis. */
    public void discard(DiagnosticSuggesting.Diagnosis diagnosis) {
        decide(diagnosis, Decision.DISCARDED);
    }

    private void decide(DiagnosticSuggesting.Diagnosis diagnosis, Decision decision) {
        if (!differential.contains(diagnosis) || decisions.get(diagnosis) == decision) {
            return;
        }
        decisions.put(diagnosis, decision);
        String id = keptIds.get(diagnosis);
        if (id != null) {
            store(id, decision);
        }
    }

    private void store(String id, Decision decision) {
        Records target = records;
        tasks.io(() -> {
            target.decide(id, decision == Decision.KEPT);
            return null;
        }).onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)));
    }

    /** The doctor's decision on each suggested diagnosis decided so far. */
    public ObservableMap<DiagnosticSuggesting.Diagnosis, Decision> decisions() {
        return decisions;
    }

    /** Counts runs and clears: a run's result applies only while it is the latest. */
    private long generation;

    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    /** The doctor clicked a finding: its evidence is highlighted in the sources. */
    public void selectFinding(DiagnosticSuggesting.ClinicalFinding finding) {
        if (finding == null) {
            highlightedEvidence.clear();
        } else {
            highlightedEvidence.setAll(finding.evidence());
        }
    }

    public void clear() {
        cancel();
        generation++;
        decisions.clear();
        keptIds.clear();
        differential.clear();
        redFlags.clear();
        investigations.clear();
        questions.clear();
        answered.clear();
        highlightedEvidence.clear();
        state.set(State.IDLE);
        message.set(null);
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MessageKey> message() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<DiagnosticSuggesting.Diagnosis> differential() {
        return differential;
    }

    public ObservableList<String> redFlags() {
        return redFlags;
    }

    public ObservableList<String> investigations() {
        return investigations;
    }

    public ObservableList<AnsweredQuestion> questions() {
        return questions;
    }

    public ObservableList<Evidence> highlightedEvidence() {
        return highlightedEvidence;
    }
}

