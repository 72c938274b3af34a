package org.medscribe.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.medscribe.common.CancellationToken;
import org.medscribe.inference.FinishReason;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.record.Evidence;
import org.medscribe.record.RecordSection;
import org.medscribe.record.Statement;
import org.medscribe.record.UnsupportedReason;
import org.medscribe.ui.FrameClock;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.RunningWork;
import org.medscribe.ui.UnexpectedErrors;

/**
 * The record view-model without a toolkit: work runs when the test says, frames tick by hand. A
 * scripted drafting stands in for the service here; the real one runs in the desktop tests.
 */
class RecordViewModelTest {

    private final Deque<Runnable> background = new ArrayDeque<>();
    private final Executor sameThread = Runnable::run;
    private final List<Runnable> frameListeners = new ArrayList<>();
    private final FrameClock frames = onFrame -> {
        frameListeners.add(onFrame);
        return () -> frameListeners.remove(onFrame);
    };
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<String> unexpected = new ArrayList<>();
    private String note = "Cough for three days. Allergic to penicillin.";
    private CancellationToken cancel;
    private RecordViewModel model;
    private final RunningWork running = new RunningWork();

    private static final RecordDrafting.Template SOAP = new RecordDrafting.Template("soap-en", "SOAP", "en", List.of(
            new RecordDrafting.SectionSpec("cc", "Chief complaint", true),
            new RecordDrafting.SectionSpec("allergies", "Allergies", true),
            new RecordDrafting.SectionSpec("plan", "Plan", true)));

    private void tick() {
        List.copyOf(frameListeners).forEach(Runnable::run);
    }

    /** Frames until the draft is drawn and the frame loop has ended (bounded). */
    private void drawAll() {
        for (int i = 0; i < 100 && !frameListeners.isEmpty(); i++) {
            tick();
        }
        assertThat(frameListeners).as("frame loop ended").isEmpty();
    }

    /** What a scripted drafting service does when asked for a draft. */
    private interface Script {
        RecordDrafting.Result draft(String templateId, List<RecordDrafting.SourceText> sources,
                                    RecordDrafting.Events stream, CancellationToken token);
    }

    /** A drafting service with the SOAP template that answers with {@code script}. */
    private static RecordDrafting scripted(Script script) {
        return new RecordDrafting() {
            @Override
            public List<Template> templates() {
                return List.of(SOAP);
            }

            @Override
            public Result draft(String templateId, List<SourceText> sources, Events stream, CancellationToken token) {
                return script.draft(templateId, sources, stream, token);
            }
        };
    }

    /** Starts a draft whose service call blocks the test's "inference thread" until completed. */
    private void startDraft(java.util.function.Supplier<RecordDrafting.Result> result) {
        RecordDrafting drafting = scripted((templateId, sources, stream, token) -> {
            cancel = token;
            return result.get();
        });
        BackgroundTasks tasks = new BackgroundTasks(sameThread, background::add, background::add,
                new UnexpectedErrors(sameThread, unexpected::add));
        model = new RecordViewModel(drafting, tasks, frames, running, dialogs,
                () -> List.of(new RecordDrafting.SourceText("note", "note", note)), () -> true);
        model.selectTemplate("soap-en");
        model.engineAvailable().set(true);
        model.hasSources().set(true);
    }

    private static RecordDrafting.Section section(String id, String text, Evidence... evidence) {
        return new RecordDrafting.Section(id, List.of(Statement.kept(text, evidence.length > 0,
                evidence.length > 0 ? null : UnsupportedReason.NO_CITATION, List.of(evidence))), false);
    }

    @Test
    void streamedTextReachesTheSectionOnceAFrameTicksAsOneUpdate() throws Exception {
        java.util.concurrent.BlockingQueue<Runnable> ui = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch emitted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        RecordDrafting drafting = scripted((templateId, sources, stream, token) -> {
            stream.sectionStarted("cc");
            for (String piece : List.of("Cou", "gh for ", "three days.")) {
                stream.sectionText("cc", piece);
                stream.tokens(1);
            }
            emitted.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RecordDrafting.Result(List.of(section("cc", "Cough for three days.")), List.of(), FinishReason.STOP, 3);
        });
        Executor worker = command -> new Thread(command, "inference-test").start();
        BackgroundTasks tasks = new BackgroundTasks(ui::add, worker, worker,
                new UnexpectedErrors(ui::add, unexpected::add));
        model = new RecordViewModel(drafting, tasks, frames, running, dialogs,
                () -> List.of(new RecordDrafting.SourceText("note", "note", note)), () -> true);
        model.selectTemplate("soap-en");
        List<String> updates = new ArrayList<>();
        model.draft();
        SectionViewModel cc = model.sections().get(0);
        cc.text().addListener((obs, old, now) -> updates.add(now));
        assertThat(emitted.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(cc.text().get()).isEmpty(); // nothing drawn between frames
        tick();
        assertThat(updates).containsExactly("Cough for three days.");
        assertThat(cc.state().get()).isEqualTo(SectionViewModel.State.STREAMING);

        finish.countDown();
        Runnable completion = ui.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(completion).isNotNull();
        completion.run();
        drawAll();
        assertThat(model.state().get()).isEqualTo(RecordViewModel.State.DONE);
        assertThat(cc.state().get()).isEqualTo(SectionViewModel.State.DRAFTED);
        assertThat(frameListeners).isEmpty();
    }

    @Test
    void aFinishedDraftPlacesStatementsWithTheirEvidenceAndMarksEmptySectionsNotDocumented() {
        startDraft(() -> new RecordDrafting.Result(List.of(section("cc", "Cough for three days.",
                        Evidence.span("note", 0, 20)), section("allergies", "Penicillin."),
                new RecordDrafting.Section("plan", List.of(), true)), List.of(), FinishReason.STOP, 10));
        model.draft();
        background.poll().run();

        // One finished section per frame: a burst of them never lands in a single frame.
        tick();
        tick();
        assertThat(model.sections().get(0).state().get()).isEqualTo(SectionViewModel.State.DRAFTED);
        assertThat(model.sections().get(1).state().get()).isEqualTo(SectionViewModel.State.WAITING);
        assertThat(model.state().get()).isEqualTo(RecordViewModel.State.STREAMING);
        drawAll();

        assertThat(model.state().get()).isEqualTo(RecordViewModel.State.DONE);
        SectionViewModel cc = model.sections().get(0);
        assertThat(cc.state().get()).isEqualTo(SectionViewModel.State.DRAFTED);
        assertThat(cc.statementAt(3).evidence()).containsExactly(Evidence.span("note", 0, 20));
        assertThat(model.sections().get(1).statements().get(0).supported()).isFalse();
        assertThat(model.sections().get(2).state().get()).isEqualTo(SectionViewModel.State.NOT_DOCUMENTED);
        assertThat(frameListeners).isEmpty();
        assertThat(running.busy().get()).isFalse();

        model.selectStatement(cc.statementAt(3));
        assertThat(model.highlightedEvidence()).containsExactly(Evidence.span("note", 0, 20));
    }

    @Test
    void aDraftLeftBehindWhenAnotherEncounterOpensNeverWritesIntoIt() {
        RecordDrafting drafting = scripted((templateId, sources, stream, token) -> {
            for (String id : List.of("cc", "allergies")) {
                stream.sectionStarted(id);
                stream.sectionText(id, "OLD PATIENT ");
                stream.sectionDone(section(id, "OLD PATIENT " + id + "."));
            }
            return new RecordDrafting.Result(List.of(section("cc", "OLD PATIENT cc."), section("allergies", "OLD PATIENT allergies."),
                    new RecordDrafting.Section("plan", List.of(), true)), List.of(), FinishReason.STOP, 10);
        });
        BackgroundTasks tasks = new BackgroundTasks(sameThread, background::add, background::add,
                new UnexpectedErrors(sameThread, unexpected::add));
        model = new RecordViewModel(drafting, tasks, frames, running, dialogs,
                () -> List.of(new RecordDrafting.SourceText("note", "note", note)), () -> true);
        model.selectTemplate("soap-en");
        model.engineAvailable().set(true);
        model.hasSources().set(true);
        List<RecordSection> newPatient = List.of(new RecordSection("cc", "Chief complaint",
                "NEW PATIENT headache.", true, false, false, List.of()));

        // Opened while the draft runs: the draft ends later and nothing of it is drawn.
        model.draft();
        model.restore("soap-en", newPatient);
        background.poll().run();
        drawAll();
        assertNewPatientOnly();

        // Opened while a finished draft is still being drawn, a section a frame.
        model.draft();
        background.poll().run();
        tick();
        tick();
        model.restore("soap-en", newPatient);
        drawAll();
        assertNewPatientOnly();
        assertThat(unexpected).isEmpty();
    }

    private void assertNewPatientOnly() {
        assertThat(model.sections().stream().map(section -> section.text().get()))
                .containsExactly("NEW PATIENT headache.", "", "");
        assertThat(model.state().get()).isEqualTo(RecordViewModel.State.DONE);
        assertThat(frameListeners).isEmpty();
        assertThat(running.busy().get()).as("no activity left running").isFalse();
    }

    @Test
    void aCancelledDraftKeepsFinishedSectionsAndSaysTheRestWereNotDrafted() {
        startDraft(() -> new RecordDrafting.Result(List.of(section("cc", "Cough.")), List.of(),
                FinishReason.CANCELLED, 10));
        model.draft();
        model.cancel();
        background.poll().run();
        drawAll();

        assertThat(cancel.isCancelled()).isTrue();
        assertThat(model.state().get()).isEqualTo(RecordViewModel.State.CANCELLED);
        assertThat(model.message().get().key()).isEqualTo("record.message.cancelled");
        assertThat(model.sections().get(0).state().get()).isEqualTo(SectionViewModel.State.DRAFTED);
        // Not reached, nothing there before: not drafted, because drafting was cancelled (never "not documented").
        assertThat(model.sections().get(1).state().get()).isEqualTo(SectionViewModel.State.NOT_DRAFTED);
        assertThat(model.sections().get(2).state().get()).isEqualTo(SectionViewModel.State.NOT_DRAFTED);
        assertThat(model.sections().get(1).interrupted().get()).isEqualTo(SectionViewModel.Interruption.CANCELLED);
        assertThat(model.sections().get(0).interrupted().get()).isNull();
        assertThat(model.canDraft().get()).isTrue();
    }

    @Test
    void aCancelledRedraftGivesBackWhatTheSectionsItNeverReachedShowed() {
        java.util.Deque<RecordDrafting.Result> results = new java.util.ArrayDeque<>(List.of(
                new RecordDrafting.Result(List.of(section("cc", "Cough."), section("allergies", "Penicillin.")), List.of(),
                        FinishReason.STOP, 10),
                new RecordDrafting.Result(List.of(section("cc", "Cough again.")), List.of(), FinishReason.CANCELLED, 10)));
        startDraft(results::poll);
        model.draft();
        background.poll().run();
        drawAll();
        model.sections().get(2).editByDoctor("Typed by the doctor.");
        List<SectionViewModel.PlacedStatement> allergyStatements = List.copyOf(model.sections().get(1).statements());

        model.draft();
        model.cancel();
        background.poll().run();
        drawAll();

        assertThat(model.sections().get(0).text().get()).isEqualTo("Cough again."); // replaced by new text
        assertThat(model.sections().get(0).interrupted().get()).isNull();
        SectionViewModel allergies = model.sections().get(1);
        assertThat(allergies.text().get()).isEqualTo("Penicillin.");
        assertThat(allergies.state().get()).isEqualTo(SectionViewModel.State.DRAFTED);
        assertThat(allergies.statements()).isEqualTo(allergyStatements); // its evidence still clickable
        assertThat(allergies.interrupted().get()).isEqualTo(SectionViewModel.Interruption.CANCELLED);
        SectionViewModel typed = model.sections().get(2);
        assertThat(typed.text().get()).isEqualTo("Typed by the doctor.");
        assertThat(typed.editedByDoctor().get()).isTrue();
        assertThat(typed.interrupted().get()).isEqualTo(SectionViewModel.Interruption.CANCELLED);
        assertThat(model.snapshot().get(2).editedByDoctor()).isTrue();
    }

    @Test
    void nothingToDraftFromIsAnInlineMessageNotAnError() {
        startDraft(() -> {
            throw new AssertionError("must not be called");
        });
        note = "   ";
        model.draft();
        assertThat(model.state().get()).isEqualTo(RecordViewModel.State.IDLE);
        assertThat(model.message().get().key()).isEqualTo("record.error.noSources");
        assertThat(background).isEmpty();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void theDoctorsEditWinsOverALateDraftAndIsCopiedInTheEmrLayout() {
        startDraft(() -> new RecordDrafting.Result(List.of(section("cc", "Cough.")), List.of(), FinishReason.STOP, 1));
        model.sections().get(0).editByDoctor("Cough and fever, per the doctor.");
        model.draft();
        // A new draft starts the sections over; the doctor edits while it runs.
        model.sections().get(0).editByDoctor("Cough and fever, per the doctor.");
        background.poll().run();
        drawAll();

        SectionViewModel cc = model.sections().get(0);
        assertThat(cc.editedByDoctor().get()).isTrue();
        assertThat(cc.text().get()).isEqualTo("Cough and fever, per the doctor.");
        model.copyRecord();
        assertThat(dialogs.copied).isEqualTo("""
                CHIEF COMPLAINT:
                Cough and fever, per the doctor.

                ALLERGIES:


                PLAN:

                """);
    }

    /** Records what the view-model asks of the desktop. */
    private static final class RecordingDialogs extends org.medscribe.ui.QuietDialogs {
        String copied;

        @Override
        public void copyToClipboard(String text) {
            copied = text;
        }
    }
}
