package org.medscribe.capture.ui;

import org.medscribe.capture.DocumentProvenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.capture.DocumentProvenance;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.record.Evidence;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.RunningWork;

/**
 * The sources column: the note the doctor types or pastes, imported documents with their page
 * counts, and the evidence spans to highlight (from the record or the suggestions). UI thread.
 */
public final class SourcesViewModel {

    public static final String NOTE_ID = "note";
    private static final String PASSWORD_REQUIRED = "capture.pdf.password.required";
    private static final String PASSWORD_WRONG = "capture.pdf.password.wrong";

    private final DocumentImporting importing;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final RunningWork running;

    private final ObservableList<SourceItem> sources = FXCollections.observableArrayList();
    private final ObjectProperty<SourceItem> selected = new SimpleObjectProperty<>();
    private final ObservableList<Evidence> highlights = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<MessageKey> message = new ReadOnlyObjectWrapper<>();
    private final SourceItem note = new SourceItem(NOTE_ID, SourceItem.Kind.NOTE, null, 0, "",
            DocumentProvenance.UNKNOWN);
    private final BooleanBinding hasText;

    /** @param importing the document import, or null while it is not available */
    public SourcesViewModel(DocumentImporting importing, BackgroundTasks tasks, DialogService dialogs,
                            RunningWork running) {
        this.importing = importing;
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.running = Objects.requireNonNull(running, "running");
        sources.add(note);
        selected.set(note);
        hasText = Bindings.createBooleanBinding(
                () -> sources.stream().anyMatch(source -> !source.text().get().isBlank()), sources, note.text());
    }

    public SourceItem note() {
        return note;
    }

    public ObservableList<SourceItem> sources() {
        return sources;
    }

    public ObjectProperty<SourceItem> selected() {
        return selected;
    }

    /** True when any source has text to draft from. */
    public BooleanBinding hasText() {
        return hasText;
    }

    /** Inline message (import refused and why), or null. */
    public ReadOnlyObjectProperty<MessageKey> message() {
        return message.getReadOnlyProperty();
    }

    public boolean canImport() {
        return importing != null;
    }

    /** Highlights {@code spans} and shows the source holding the first of them. */
    public void highlight(List<Evidence> spans) {
        highlights.setAll(spans);
        if (!spans.isEmpty()) {
            sources.stream().filter(source -> source.id().equals(spans.get(0).source())).findFirst()
                    .ifPresent(selected::set);
        }
    }

    /** The spans to highlight in the shown source. */
    public ObservableList<Evidence> highlights() {
        return highlights;
    }

    /** Chooses documents and imports them one by one on the io executor. */
    public void importDocuments() {
        if (importing == null) {
            return;
        }
        for (Path file : dialogs.chooseDocuments()) {
            importDocument(file);
        }
    }

    public void importDocument(Path file) {
        importDocument(file, null);
    }

    /**
     * Imports {@code file}, with {@code password} when the doctor typed one. A PDF that needs a
     * password asks for it (again, saying the last one was wrong, until the doctor cancels); the
     * password is used for this one read and never kept.
     */
    private void importDocument(Path file, char[] password) {
        CancellationToken cancel = new CancellationToken();
        RunningWork.Activity activity = running.start("activity.importing", cancel);
        message.set(null);
        tasks.io(() -> password == null ? importing.read(file, cancel) : importing.read(file, password, cancel))
                .onSuccess(document -> {
                    SourceItem item = new SourceItem(document.id(), SourceItem.Kind.DOCUMENT,
                            document.label(), document.pageCount(), document.text(), document.provenance());
                    sources.add(item);
                    selected.set(item);
                    if (document.hiddenTextFound()) {
                        message.set(new MessageKey("capture.message.hiddenText", document.label()));
                    }
                })
                .onError(MedScribeException.class, failure -> {
                    if (PASSWORD_REQUIRED.equals(failure.messageKey()) || PASSWORD_WRONG.equals(failure.messageKey())) {
                        askPassword(file, PASSWORD_WRONG.equals(failure.messageKey()), failure);
                    } else {
                        message.set(MessageKey.of(failure));
                    }
                })
                .onFinished(activity::finish);
    }

    private void askPassword(Path file, boolean wrong, MedScribeException failure) {
        Optional<char[]> typed = dialogs.askPassword(String.valueOf(file.getFileName()), wrong);
        if (typed.isPresent() && typed.get().length > 0) {
            importDocument(file, typed.get());
        } else {
            // Cancelled: the reason stays in the column (wrong password, or a password is needed).
            message.set(MessageKey.of(failure));
        }
    }

    /** Removes an imported document (the note stays). */
    public void remove(SourceItem source) {
        if (source != note) {
            sources.remove(source);
            if (selected.get() == source) {
                selected.set(note);
            }
        }
    }

    /** Replaces everything with an encounter's saved sources. */
    public void restore(String noteText, List<SourceItem> documents) {
        note.edit(noteText);
        sources.setAll(note);
        sources.addAll(documents);
        selected.set(note);
        highlights.clear();
        message.set(null);
    }
}
