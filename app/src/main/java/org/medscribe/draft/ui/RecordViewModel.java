package org.medscribe.draft.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.EngineCrashedException;
import org.medscribe.inference.FinishReason;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.record.Evidence;
import org.medscribe.record.Flag;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;
import org.medscribe.ui.FrameClock;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.RunningWork;
import org.medscribe.ui.StreamBuffer;

/**
 * The record column: template picker, Draft, the sections filling in as they stream, the selected
 * statement's evidence, copy to the clipboard. Streaming events are buffered by the engine thread
 * and applied once per frame. UI thread.
 */
public final class RecordViewModel {

    /** Where the record is. */
    public enum State { IDLE, STREAMING, DONE, CANCELLED, ERROR }

    private sealed interface Event permits Started, Piece, Done, Tokens, Phase, Part {
    }

    private record Part(int index, int count) implements Event {
    }

    private record Phase(String key, double fraction) implements Event {
    }

    private record Started(String sectionId) implements Event {
    }

    private record Piece(String sectionId, String text) implements Event {
    }

    private record Done(RecordDrafting.Section section) implements Event {
    }

    private record Tokens(int count) implements Event {
    }

    private final RecordDrafting drafting;
    private final BackgroundTasks tasks;
    private final FrameClock frames;
    private final RunningWork running;
    private final DialogService dialogs;
    private final Supplier<List<RecordDrafting.SourceText>> sources;
    private final Supplier<Boolean> engineReady;
    private RecordText layout = new RecordTextLayout();

    private final ObservableList<RecordDrafting.Template> templates = FXCollections.observableArrayList();
    private final ObjectProperty<RecordDrafting.Template> template = new SimpleObjectProperty<>();
    private final ObservableList<SectionViewModel> sections = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<MessageKey> message = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<MessageKey> phase = new ReadOnlyObjectWrapper<>();
    private final ObservableList<MessageKey> recordFlags = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SectionViewModel.PlacedStatement> selectedStatement =
            new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper focusedSection = new ReadOnlyIntegerWrapper(-1);
    private final BooleanProperty engineAvailable = new SimpleBooleanProperty();
    private final BooleanProperty hasSources = new SimpleBooleanProperty();
    private final BooleanProperty locked = new SimpleBooleanProperty();
    private final ObservableList<Evidence> highlightedEvidence = FXCollections.observableArrayList();
    private final BooleanBinding canDraft;
    private final javafx.beans.binding.ObjectBinding<MessageKey> draftHint;

    private CancellationToken cancel;
    private StreamBuffer<Event> buffer;
    private Runnable stopDraining = () -> { };
    private RunningWork.Activity activity;
    private long tokenCount;
    private long firstTokenNanos;
    private DraftProgress progress = new DraftProgress();
    /** What ends the running draft once every buffered event is drawn (set when the draft succeeded). */
    private Runnable afterDrained;
    /**
     * Counts drafts, and restores: a draft's events and results apply only while it is the latest,
     * so a draft still running when another encounter opens never writes into that encounter.
     */
    private long generation;
    /** The latest draft's task has not ended yet. */
    private boolean draftRunning;

    /**
     * @param sources     the encounter's sources at the moment Draft is pressed
     * @param engineReady whether a model is loaded and idle
     */
    public RecordViewModel(RecordDrafting drafting, BackgroundTasks tasks, FrameClock frames, RunningWork running,
                           DialogService dialogs, Supplier<List<RecordDrafting.SourceText>> sources,
                           Supplier<Boolean> engineReady) {
        this.drafting = Objects.requireNonNull(drafting, "drafting");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.running = Objects.requireNonNull(running, "running");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.engineReady = Objects.requireNonNull(engineReady, "engineReady");
        templates.setAll(drafting.templates());
        template.addListener((obs, old, now) -> {
            if (now != null && state.get() != State.STREAMING) {
                layoutSections(now);
            }
        });
        canDraft = Bindings.createBooleanBinding(
                () -> state.get() != State.STREAMING && template.get() != null && engineAvailable.get()
                        && hasSources.get() && !locked.get(),
                state, template, engineAvailable, hasSources, locked);
        locked.addListener((obs, old, now) -> sections.forEach(section -> section.lock(now)));
        draftHint = Bindings.createObjectBinding(() -> state.get() == State.STREAMING || locked.get() ? null
                        : !hasSources.get() ? new MessageKey("record.error.noSources")
                        : !engineAvailable.get() ? new MessageKey("record.error.noModel") : null,
                state, engineAvailable, hasSources, locked);
    }

    /** Why Draft is off, while it is off for a reason the doctor can act on (no note, no model); else null. */
    public javafx.beans.binding.ObjectBinding<MessageKey> draftHint() {
        return draftHint;
    }

    /**
     * True while the record is signed: its sections refuse typing and Draft is off, until an
     * amendment unlocks it (bound by the shell).
     */
    public BooleanProperty locked() {
        return locked;
    }

    /**
     * Shows a quality finding: focuses its section and marks {@code [start, end)} of the section's
     * text (nothing is marked for an empty span, e.g. a missing section).
     */
    public void showFinding(String sectionId, int start, int end) {
        for (int i = 0; i < sections.size(); i++) {
            SectionViewModel section = sections.get(i);
            if (section.id().equals(sectionId)) {
                int length = section.text().get().length();
                section.markFinding(end > start && end <= length ? new SectionViewModel.Span(start, end) : null);
                focusSection(i);
            } else {
                section.markFinding(null);
            }
        }
    }

    /** The plain-text layout used by Copy (the export feature's, in the app). */
    public void useTextLayout(RecordText value) {
        this.layout = java.util.Objects.requireNonNull(value, "value");
    }

    /** Picks the template with {@code id} (the default from the settings), else the first. */
    public void selectTemplate(String id) {
        template.set(templates.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElse(templates.isEmpty() ? null : templates.get(0)));
    }

    /** Tells the view-model whether the engine can take a request (bound by the shell). */
    public BooleanProperty engineAvailable() {
        return engineAvailable;
    }

    /** Tells the view-model whether the encounter has any source text (bound by the shell). */
    public BooleanProperty hasSources() {
        return hasSources;
    }

    /** Starts a draft of the selected template; no-op if one is running or nothing can be drafted. */
    public void draft() {
        RecordDrafting.Template chosen = template.get();
        List<RecordDrafting.SourceText> input = sources.get();
        if (state.get() == State.STREAMING || chosen == null || locked.get()) {
            return;
        }
        if (input.stream().allMatch(source -> source.text().isBlank())) {
            message.set(new MessageKey("record.error.noSources"));
            return;
        }
        if (!engineReady.get()) {
            message.set(new MessageKey("record.error.noModel"));
            return;
        }
        if (sameLayout(chosen)) {
            // Same template: reuse the sections (and so the views); each keeps what it showed until
            // new text replaces it, so a draft stopped early gives the rest back.
            sections.forEach(SectionViewModel::beginRedraft);
        } else {
            layoutSections(chosen);
        }
        selectedStatement.set(null);
        highlightedEvidence.clear();
        recordFlags.clear();
        message.set(null);
        state.set(State.STREAMING);
        tokenCount = 0;
        firstTokenNanos = 0;
        progress = new DraftProgress();
        cancel = new CancellationToken();
        long mine = ++generation;
        StreamBuffer<Event> events = new StreamBuffer<>();
        buffer = events;
        activity = running.start("activity.drafting", cancel);
        RunningWork.Activity work = activity;
        draftRunning = true;
        // A finished section costs a rich-text layout: at most one is drawn per frame, so a burst of
        // them (the last sections, the fact-check's flags) never stalls the window.
        stopDraining = frames.everyFrame(() -> {
            events.drainThrough(event -> event instanceof Done, this::apply);
            if (afterDrained != null && events.isEmpty()) {
                Runnable last = afterDrained;
                afterDrained = null;
                last.run();
                if (afterDrained == null) {
                    settle();
                }
            }
        });
        CancellationToken token = cancel;
        tasks.inference(() -> drafting.draft(chosen.id(), input, new RecordDrafting.Events() {
                    @Override
                    public void sectionStarted(String sectionId) {
                        events.add(new Started(sectionId));
                    }

                    @Override
                    public void sectionText(String sectionId, String piece) {
                        events.add(new Piece(sectionId, piece));
                    }

                    @Override
                    public void sectionDone(RecordDrafting.Section section) {
                        events.add(new Done(section));
                    }

                    @Override
                    public void tokens(int count) {
                        events.add(new Tokens(count));
                    }

                    @Override
                    public void phase(String phaseKey, double fraction) {
                        events.add(new Phase(phaseKey, fraction));
                    }

                    @Override
                    public void part(int index, int count) {
                        events.add(new Part(index, count));
                    }
                }, token))
                .onSuccess(result -> {
                    if (mine == generation) {
                        afterDrained = () -> {
                            // Once the stream is drawn: the final sections carry the fact-check flags
                            // the streamed ones could not know yet; they are drawn one per frame like
                            // the others, and then the record is done.
                            finalSections(result).forEach(section -> events.add(new Done(section)));
                            afterDrained = () -> finish(result);
                        };
                    }
                })
                .onError(CancelledException.class, stopped -> {
                    if (mine == generation) {
                        events.drain(this::apply);
                        stopAll(State.CANCELLED, new MessageKey("record.message.cancelled"),
                                SectionViewModel.Interruption.CANCELLED);
                    }
                })
                .onError(EngineCrashedException.class, crash -> {
                    if (mine == generation) {
                        events.drain(this::apply);
                        stopAll(State.ERROR, new MessageKey("record.message.engineStopped"),
                                SectionViewModel.Interruption.ENGINE_STOPPED);
                    }
                })
                .onError(MedScribeException.class, failure -> {
                    if (mine == generation) {
                        events.drain(this::apply);
                        stopAll(State.ERROR, MessageKey.of(failure), SectionViewModel.Interruption.FAILED);
                    }
                })
                .onFinished(() -> {
                    if (mine == generation) {
                        draftRunning = false;
                    }
                    if (mine != generation) {
                        work.finish(); // a draft left behind (another encounter opened): nothing of it is shown
                    } else if (afterDrained == null) {
                        settle(); // failed or stopped: everything was drawn above
                    }
                });
    }

    /** The draft is over and drawn: the frame loop and the status bar's activity end. */
    private void settle() {
        phase.set(null);
        stopDraining.run();
        stopDraining = () -> { };
        if (activity != null) {
            activity.finish();
            activity = null;
        }
    }

    /**
     * Sections of the final result to draw again: those with fact-check flags, and those the stream
     * did not finish; sections already shown and without flags are left alone (re-laying out rich
     * text costs frames).
     */
    private List<RecordDrafting.Section> finalSections(RecordDrafting.Result result) {
        List<RecordDrafting.Section> redraw = new ArrayList<>();
        for (RecordDrafting.Section section : result.sections()) {
            boolean flagged = !section.flags().isEmpty();
            find(section.id()).ifPresent(target -> {
                SectionViewModel.State now = target.state().get();
                if (flagged || (now != SectionViewModel.State.DRAFTED && now != SectionViewModel.State.NOT_DOCUMENTED)) {
                    redraw.add(section);
                }
            });
        }
        return redraw;
    }

    /** Stops the running draft; what was drafted is kept and marked. */
    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    private void finish(RecordDrafting.Result result) {
        for (Flag flag : result.flags()) {
            Optional<SectionViewModel> target = flag.section() == null ? Optional.empty() : find(flag.section());
            if (target.isPresent()) {
                target.get().addFlag(RecordDrafting.message(flag));
            } else {
                recordFlags.add(RecordDrafting.message(flag));
            }
        }
        if (result.finishReason() == FinishReason.CANCELLED) {
            stopAll(State.CANCELLED, new MessageKey("record.message.cancelled"), SectionViewModel.Interruption.CANCELLED);
        } else {
            sections.forEach(section -> section.stop(null));
            state.set(State.DONE);
            message.set(null);
        }
    }

    private void stopAll(State end, MessageKey why, SectionViewModel.Interruption interruption) {
        sections.forEach(section -> section.stop(interruption));
        state.set(end);
        message.set(why);
    }

    /** Applies one frame's events; a section's pieces in the frame become one text update. */
    private void apply(List<Event> batch) {
        String pendingSection = null;
        StringBuilder pending = new StringBuilder();
        int tokens = 0;
        for (Event event : batch) {
            if (event instanceof Piece piece) {
                if (pendingSection != null && !pendingSection.equals(piece.sectionId())) {
                    flushPreview(pendingSection, pending);
                }
                pendingSection = piece.sectionId();
                pending.append(piece.text());
            } else if (event instanceof Tokens count) {
                tokens += count.count(); // counted, not drawn: does not break a run of pieces
            } else {
                flushPreview(pendingSection, pending);
                pendingSection = null;
                if (event instanceof Started started) {
                    find(started.sectionId()).ifPresent(SectionViewModel::startStreaming);
                } else if (event instanceof Done done) {
                    find(done.section().id()).ifPresent(section -> section.complete(done.section()));
                } else if (event instanceof Part part) {
                    progress.part(part.index(), part.count());
                } else if (event instanceof Phase now) {
                    phase.set(progress.phase(now.key(), now.fraction(), System.nanoTime()));
                    if (activity != null) {
                        activity.progress().set(now.fraction());
                    }
                }
            }
        }
        flushPreview(pendingSection, pending);
        if (tokens > 0) {
            countTokens(tokens);
        }
    }

    private void flushPreview(String sectionId, StringBuilder pending) {
        if (sectionId != null && pending.length() > 0) {
            String text = pending.toString();
            find(sectionId).ifPresent(section -> section.appendPreview(text));
        }
        pending.setLength(0);
    }

    private void countTokens(int count) {
        long now = System.nanoTime();
        if (firstTokenNanos == 0) {
            firstTokenNanos = now;
        }
        tokenCount += count;
        double seconds = (now - firstTokenNanos) / 1e9;
        if (activity != null && seconds > 0.2) {
            activity.tokensPerSecond().set(tokenCount / seconds);
        }
    }

    private Optional<SectionViewModel> find(String id) {
        return sections.stream().filter(section -> section.id().equals(id)).findFirst();
    }

    private boolean sameLayout(RecordDrafting.Template chosen) {
        if (sections.size() != chosen.sections().size()) {
            return false;
        }
        for (int i = 0; i < sections.size(); i++) {
            if (!sections.get(i).id().equals(chosen.sections().get(i).id())) {
                return false;
            }
        }
        return true;
    }

    private void layoutSections(RecordDrafting.Template chosen) {
        List<SectionViewModel> laid = new ArrayList<>();
        for (RecordDrafting.SectionSpec spec : chosen.sections()) {
            SectionViewModel section = new SectionViewModel(spec.id(), spec.title(), spec.required());
            section.lock(locked.get());
            laid.add(section);
        }
        sections.setAll(laid);
        focusedSection.set(laid.isEmpty() ? -1 : 0);
    }

    /** The statement the doctor clicked (null to clear); its evidence is highlighted in the sources. */
    public void selectStatement(SectionViewModel.PlacedStatement statement) {
        selectedStatement.set(statement);
        if (statement == null) {
            highlightedEvidence.clear();
        } else {
            highlightedEvidence.setAll(statement.evidence());
        }
    }

    public void focusSection(int index) {
        if (index >= 0 && index < sections.size()) {
            focusedSection.set(index);
        }
    }

    public void nextSection() {
        focusSection(Math.min(sections.size() - 1, focusedSection.get() + 1));
    }

    public void previousSection() {
        focusSection(Math.max(0, focusedSection.get() - 1));
    }

    /** The record as plain text in the EMR layout, on the clipboard. */
    public void copyRecord() {
        RecordDrafting.Template chosen = template.get();
        if (chosen == null) {
            return;
        }
        dialogs.copyToClipboard(layout.format(chosen, sections.stream()
                .map(section -> new RecordText.SectionText(section.id(), section.title(), section.text().get()))
                .toList()));
        dialogs.notify("record.message.copied");
    }

    /** Restores sections saved with the encounter; a draft still running is stopped and left behind. */
    public void restore(String templateId, List<RecordSection> saved) {
        cancel();
        generation++;
        if (activity != null && !draftRunning) {
            activity.finish(); // the draft had ended and was still being drawn
        }
        activity = null; // else finished by the left-behind draft when its task ends
        afterDrained = null;
        phase.set(null);
        stopDraining.run();
        stopDraining = () -> { };
        selectTemplate(templateId);
        sections.forEach(SectionViewModel::reset); // another encounter's text must not stay in a section it lacks
        for (RecordSection section : saved) {
            find(section.id()).ifPresent(target -> target.restore(section));
        }
        state.set(saved.isEmpty() ? State.IDLE : State.DONE);
        message.set(null);
        recordFlags.clear();
        selectStatement(null);
    }

    /** What to save with the encounter: the record's sections as the record keeps them. */
    public List<RecordSection> snapshot() {
        List<RecordSection> saved = new ArrayList<>();
        for (SectionViewModel section : sections) {
            List<Statement> statements = section.statements().stream()
                    .map(SectionViewModel.PlacedStatement::statement).toList();
            saved.add(new RecordSection(section.id(), section.title(), section.text().get(),
                    section.editedByDoctor().get(), section.draftFoundNothing(), section.aiWritten(), statements));
        }
        return saved;
    }

    public ObservableList<RecordDrafting.Template> templates() {
        return templates;
    }

    public ObjectProperty<RecordDrafting.Template> template() {
        return template;
    }

    public ObservableList<SectionViewModel> sections() {
        return sections;
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** Inline message under the toolbar (stopped, engine crashed, refused input), or null. */
    public ReadOnlyObjectProperty<MessageKey> message() {
        return message.getReadOnlyProperty();
    }

    /** What the drafting is doing now (reading the encounter, checking evidence…), or null. */
    public ReadOnlyObjectProperty<MessageKey> phase() {
        return phase.getReadOnlyProperty();
    }

    public ObservableList<MessageKey> recordFlags() {
        return recordFlags;
    }

    public ReadOnlyObjectProperty<SectionViewModel.PlacedStatement> selectedStatement() {
        return selectedStatement.getReadOnlyProperty();
    }

    /** Spans to highlight in the sources (the selected statement's evidence). */
    public ObservableList<Evidence> highlightedEvidence() {
        return highlightedEvidence;
    }

    public ReadOnlyIntegerProperty focusedSection() {
        return focusedSection.getReadOnlyProperty();
    }

    public BooleanBinding canDraft() {
        return canDraft;
    }

    public boolean isStreaming() {
        return state.get() == State.STREAMING;
    }
}
