package org.medscribe.draft.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.record.Evidence;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;
import org.medscribe.ui.MessageKey;

/**
 * One section of the record on screen. Its text is what the doctor reads and edits; the statements
 * map character ranges of that text to their evidence, until the doctor edits the section (then the
 * text is the doctor's, and the draft's evidence no longer describes it). UI thread.
 */
public final class SectionViewModel {

    /** Where the section is in its life. */
    public enum State {
        /** Not reached by the draft yet (or no draft). */
        WAITING,
        /** The model is writing it now. */
        STREAMING,
        /** Drafted and checked. */
        DRAFTED,
        /** The sources say nothing about it: empty, to be filled by the doctor. */
        NOT_DOCUMENTED,
        /** The draft stopped (cancel, engine crash) while writing this section: its text is incomplete. */
        STOPPED,
        /** The draft stopped before it reached this section, which had no text before: nothing was drafted. */
        NOT_DRAFTED
    }

    /** Why a draft ended before a section got its new text. */
    public enum Interruption { CANCELLED, ENGINE_STOPPED, FAILED }

    /** What the section showed before a draft started rewriting it. */
    private record Earlier(String text, State state, boolean edited, boolean aiWritten, boolean foundNothing,
                           List<PlacedStatement> statements, List<MessageKey> flags) {
    }

    /**
     * A statement's place in the section's text and what supports it; {@code cited} are the passages
     * the model cited that did not carry it (shown beside an unsupported statement).
     */
    public record PlacedStatement(int start, int end, Statement statement, List<MessageKey> flags, List<String> cited) {

        public PlacedStatement {
            flags = List.copyOf(flags);
            cited = List.copyOf(cited);
        }

        /** The source text of each cited segment that did not carry {@code drafted} (before only the carrying evidence is kept). */
        static List<String> citedPassages(Statement drafted) {
            return drafted.supported() ? List.of() : drafted.evidence().stream()
                    .filter(evidence -> !evidence.matched() && !evidence.quote().isBlank())
                    .map(evidence -> evidence.quote().strip()).distinct().toList();
        }

        public String text() {
            return statement.text();
        }

        public boolean supported() {
            return statement.supported();
        }

        /** Why the evidence did not verify, or null. */
        public MessageKey unsupportedReason() {
            return statement.unsupportedReason() == null ? null
                    : new MessageKey(statement.unsupportedReason().messageKey());
        }

        public List<Evidence> evidence() {
            return statement.evidence();
        }

        public boolean flagged() {
            return !flags.isEmpty();
        }

        public boolean contains(int offset) {
            return offset >= start && offset <= end;
        }
    }

    /** Characters {@code [start, end)} of the section's text (a quality finding's span). */
    public record Span(int start, int end) {
    }

    private final String id;
    private final String title;
    private final boolean required;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.WAITING);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper editedByDoctor = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Span> findingSpan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Interruption> interrupted = new ReadOnlyObjectWrapper<>();
    /** The section before the running draft began rewriting it (null once new text replaced it). */
    private Earlier earlier;
    /** The draft wrote something here (so an edit makes the section AI-edited, not the doctor's alone). */
    private boolean aiWritten;
    /**
     * The draft found nothing for this section: a fact about the draft, kept when the doctor types
     * into the section, so the record saved, signed and reopened says the same thing.
     */
    private boolean draftFoundNothing;
    private final ObservableList<PlacedStatement> statements = FXCollections.observableArrayList();
    private final ObservableList<MessageKey> sectionFlags = FXCollections.observableArrayList();
    private final StringBuilder preview = new StringBuilder();

    public SectionViewModel(String id, String title, boolean required) {
        this.id = id;
        this.title = title;
        this.required = required;
    }

    public String id() {
        return id;
    }

    /** In the record's language (from the template), whatever the UI language. */
    public String title() {
        return title;
    }

    public boolean required() {
        return required;
    }

    void reset() {
        state.set(State.WAITING);
        text.set("");
        editedByDoctor.set(false);
        aiWritten = false;
        draftFoundNothing = false;
        earlier = null;
        interrupted.set(null);
        findingSpan.set(null);
        statements.clear();
        sectionFlags.clear();
        preview.setLength(0);
    }

    /**
     * A new draft starts rewriting the section: it shows as waiting, and what it showed is kept aside
     * until new text replaces it (a draft that stops first gives it back).
     */
    void beginRedraft() {
        Earlier before = text.get().isEmpty() && state.get() != State.NOT_DOCUMENTED ? null
                : new Earlier(text.get(), state.get(), editedByDoctor.get(), aiWritten, draftFoundNothing,
                        List.copyOf(statements), List.copyOf(sectionFlags));
        reset();
        earlier = before;
    }

    void startStreaming() {
        if (editedByDoctor.get()) {
            return;
        }
        state.set(State.STREAMING);
        preview.setLength(0);
    }

    /** Live text while the model writes (replaced by the checked statements when done). */
    void appendPreview(String piece) {
        if (editedByDoctor.get()) {
            return;
        }
        preview.append(piece);
        text.set(preview.toString());
        if (state.get() == State.WAITING) {
            state.set(State.STREAMING);
        }
    }

    /** The finished section: statements as prose, one after the other. */
    void complete(RecordDrafting.Section section) {
        if (editedByDoctor.get()) {
            return; // the doctor's text wins over a late draft
        }
        preview.setLength(0);
        statements.clear();
        earlier = null;
        if (section.notDocumented() || section.statements().isEmpty()) {
            text.set("");
            draftFoundNothing = true;
            state.set(State.NOT_DOCUMENTED);
            return;
        }
        StringBuilder body = new StringBuilder();
        List<PlacedStatement> placed = new ArrayList<>();
        for (int i = 0; i < section.statements().size(); i++) {
            Statement drafted = section.statements().get(i);
            Statement statement = drafted.asKept();
            body.append(RecordDrafting.spaceAfter(body));
            int start = body.length();
            body.append(statement.text());
            placed.add(new PlacedStatement(start, body.length(), statement, section.flagsOn(i),
                    PlacedStatement.citedPassages(drafted)));
        }
        text.set(body.toString());
        statements.setAll(placed);
        aiWritten = true;
        state.set(State.DRAFTED);
    }

    /**
     * The draft ended before this section was complete ({@code why} null: it ended without saying
     * why). Text the draft wrote is kept, marked stopped; a section it wrote nothing into gets back
     * what it showed before the draft, or says it was not drafted, and why.
     */
    void stop(Interruption why) {
        Earlier before = earlier;
        earlier = null;
        if (state.get() != State.STREAMING && state.get() != State.WAITING) {
            return;
        }
        if (editedByDoctor.get() || !text.get().isBlank() || why == null) {
            state.set(State.STOPPED);
            return;
        }
        interrupted.set(why);
        if (before == null) {
            state.set(State.NOT_DRAFTED);
            return;
        }
        text.set(before.text());
        editedByDoctor.set(before.edited());
        aiWritten = before.aiWritten();
        draftFoundNothing = before.foundNothing();
        statements.setAll(before.statements());
        sectionFlags.setAll(before.flags());
        state.set(before.state());
    }

    /**
     * Why the last draft left this section without new text (it shows its earlier text, or none:
     * {@link State#NOT_DRAFTED}), or null.
     */
    public ReadOnlyObjectProperty<Interruption> interrupted() {
        return interrupted.getReadOnlyProperty();
    }

    void addFlag(MessageKey reason) {
        sectionFlags.add(reason);
    }

    /** The doctor typed: the text is now theirs; the draft's statement map no longer applies. */
    public void editByDoctor(String newText) {
        if (newText.equals(text.get()) || locked.get()) {
            return;
        }
        findingSpan.set(null);
        text.set(newText);
        if (!editedByDoctor.get()) {
            editedByDoctor.set(true);
            statements.clear();
        }
    }

    /** Restores a saved section (encounter reopened). */
    public void restore(String savedText, boolean edited, boolean notDocumented) {
        reset();
        text.set(savedText);
        editedByDoctor.set(edited);
        aiWritten = !edited && !savedText.isEmpty();
        draftFoundNothing = notDocumented;
        state.set(notDocumented && savedText.isEmpty() ? State.NOT_DOCUMENTED
                : savedText.isEmpty() ? State.WAITING : State.DRAFTED);
    }

    /**
     * Restores a saved section with what is known of its origin: a drafted section the doctor left
     * alone gets its statements (and their evidence) back.
     */
    void restore(RecordSection saved) {
        if (!saved.editedByDoctor() && !saved.statements().isEmpty()) {
            reset();
            complete(new RecordDrafting.Section(saved.id(), saved.statements(), false));
            if (text.get().equals(saved.text())) {
                return;
            }
        }
        restore(saved.text(), saved.editedByDoctor(), saved.notDocumented());
        aiWritten = saved.aiWritten();
    }

    /** The draft found nothing for this section (also once the doctor has typed into it). */
    public boolean draftFoundNothing() {
        return draftFoundNothing || state.get() == State.NOT_DOCUMENTED;
    }

    /** The draft wrote this section (it may since have been edited). */
    public boolean aiWritten() {
        return aiWritten;
    }

    /** A signed record is read-only: typing is refused until an amendment is started. */
    void lock(boolean value) {
        locked.set(value);
    }

    public ReadOnlyBooleanProperty locked() {
        return locked.getReadOnlyProperty();
    }

    /** Marks {@code span} of the text (a quality finding's place), or none with null. */
    void markFinding(Span span) {
        findingSpan.set(span);
    }

    /** The quality finding's span to highlight, or null. */
    public ReadOnlyObjectProperty<Span> findingSpan() {
        return findingSpan.getReadOnlyProperty();
    }

    /** The statement at {@code offset} of the text, if the section still carries the draft's map. */
    public PlacedStatement statementAt(int offset) {
        for (PlacedStatement statement : statements) {
            if (statement.contains(offset)) {
                return statement;
            }
        }
        return null;
    }

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty text() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editedByDoctor() {
        return editedByDoctor.getReadOnlyProperty();
    }

    public ObservableList<PlacedStatement> statements() {
        return FXCollections.unmodifiableObservableList(statements);
    }

    /** Findings about the section as a whole (possible omissions). */
    public ObservableList<MessageKey> sectionFlags() {
        return FXCollections.unmodifiableObservableList(sectionFlags);
    }

    public boolean isEmpty() {
        return text.get().isBlank();
    }
}
