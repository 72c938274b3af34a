package org.medscribe.quality.ui;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.EngineCrashedException;
import org.medscribe.quality.RecordQuality;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.RunningWork;

/**
 * The Quality tab: the record's score and grade and its findings (severity, section, message, fix,
 * rule or model, the model's evidence). The rules run on demand, after each draft and before
 * signing (io executor, milliseconds); the model review only on demand (inference executor,
 * cancellable; the rule findings stand whatever it does). Picking a finding shows it in the record.
 * UI thread.
 */
public final class QualityViewModel {

    /** Where the check is. */
    public enum State { IDLE, CHECKING, DONE, ERROR }

    private final RecordQuality quality;
    private final BackgroundTasks tasks;
    private final RunningWork running;
    private final Supplier<RecordQuality.Request> request;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<RecordQuality.Report> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RecordQuality.Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<MessageKey> message = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RecordQuality.Finding> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper outdated = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper modelRunning = new ReadOnlyBooleanWrapper();
    private Consumer<RecordQuality.Finding> onShow = finding -> { };
    private CancellationToken cancel;
    private long generation;

    /**
     * @param request the record and sources as they stand when a check starts; null when there is
     *                no record to check
     */
    public QualityViewModel(RecordQuality quality, BackgroundTasks tasks, RunningWork running,
                            Supplier<RecordQuality.Request> request) {
        this.quality = Objects.requireNonNull(quality, "quality");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.running = Objects.requireNonNull(running, "running");
        this.request = Objects.requireNonNull(request, "request");
    }

    /** Called with the finding the doctor picked (the shell shows it in the record and the sources). */
    public void setOnShow(Consumer<RecordQuality.Finding> handler) {
        this.onShow = Objects.requireNonNull(handler, "handler");
    }

    /** Runs the rules and the checks against the sources. */
    public void check() {
        RecordQuality.Request now = request.get();
        if (now == null) {
            message.set(new MessageKey("quality.ui.nothingToCheck"));
            return;
        }
        long mine = ++generation;
        state.set(State.CHECKING);
        message.set(null);
        tasks.io(() -> quality.check(now, false, CancellationToken.none()))
                .onSuccess(result -> {
                    if (mine == generation) {
                        show(result);
                    }
                })
                .onError(MedScribeException.class, failure -> {
                    if (mine == generation) {
                        state.set(State.ERROR);
                        message.set(MessageKey.of(failure));
                    }
                });
    }

    /**
     * Runs the rules and the model review (a generation: cancel with Esc or {@link #cancel()}).
     * Cancelled or failed, the last rule findings stay and the reason is shown.
     */
    public void checkWithModel() {
        RecordQuality.Request now = request.get();
        if (now == null) {
            message.set(new MessageKey("quality.ui.nothingToCheck"));
            return;
        }
        if (modelRunning.get()) {
            return;
        }
        long mine = ++generation;
        CancellationToken token = new CancellationToken();
        cancel = token;
        RunningWork.Activity activity = running.start("activity.qualityModel", token);
        state.set(State.CHECKING);
        modelRunning.set(true);
        message.set(null);
        tasks.inference(() -> quality.check(now, true, token))
                .onSuccess(result -> {
                    if (mine == generation) {
                        show(result);
                    }
                })
                .onError(CancelledException.class, stopped -> ended(mine, "quality.ui.modelCancelled"))
                .onError(EngineCrashedException.class, crash -> ended(mine, "record.message.engineStopped"))
                .onError(MedScribeException.class, failure -> {
                    if (mine == generation) {
                        state.set(report.get() == null ? State.ERROR : State.DONE);
                        message.set(MessageKey.of(failure));
                    }
                })
                .onFinished(() -> {
                    modelRunning.set(false);
                    activity.finish();
                });
    }

    private void ended(long mine, String key) {
        if (mine == generation) {
            state.set(report.get() == null ? State.IDLE : State.DONE);
            message.set(new MessageKey(key));
        }
    }

    /** Stops a running model review. */
    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    /** Shows a report made elsewhere (the check before signing). */
    public void show(RecordQuality.Report result) {
        report.set(result);
        findings.setAll(result.findings());
        selected.set(null);
        outdated.set(false);
        state.set(State.DONE);
        message.set(result.modelStatusKey() == null ? null : new MessageKey(result.modelStatusKey()));
    }

    /** The record changed since the last check: the findings may no longer hold. */
    public void markOutdated() {
        if (report.get() != null) {
            outdated.set(true);
        }
    }

    /** Another encounter: nothing checked yet. */
    public void clear() {
        generation++;
        cancel();
        report.set(null);
        findings.clear();
        selected.set(null);
        outdated.set(false);
        message.set(null);
        state.set(State.IDLE);
    }

    /** The doctor picked {@code finding}: its section and span are shown in the record. */
    public void select(RecordQuality.Finding finding) {
        selected.set(finding);
        if (finding != null) {
            onShow.accept(finding);
        }
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** The last report, or null. */
    public ReadOnlyObjectProperty<RecordQuality.Report> report() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<RecordQuality.Finding> findings() {
        return FXCollections.unmodifiableObservableList(findings);
    }

    /** Inline message (model review stopped, record unreadable), or null. */
    public ReadOnlyObjectProperty<MessageKey> message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RecordQuality.Finding> selected() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty outdated() {
        return outdated.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty modelRunning() {
        return modelRunning.getReadOnlyProperty();
    }

    /** The findings that would block signing. */
    public List<RecordQuality.Finding> blocking() {
        return findings.stream().filter(RecordQuality.Finding::critical).toList();
    }
}
