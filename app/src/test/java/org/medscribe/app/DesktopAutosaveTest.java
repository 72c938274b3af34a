package org.medscribe.app;

import org.medscribe.review.StoredEncounters;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.capture.ui.SourceItem;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.quality.ui.QualityViewModel;
import org.medscribe.review.Encounters;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.storage.Actor;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.DraftKind;
import org.medscribe.storage.DraftVersion;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.NewEncounter;
import org.medscribe.storage.NewPatient;
import org.medscribe.storage.SectionOrigin;
import org.medscribe.record.SourceKind;
import org.medscribe.storage.WorkingDraft;
import org.medscribe.storage.crypto.KeyFileKeySource;

/**
 * The worklist on start, a password-protected PDF, a real draft on the tiny model kept as a version
 * with its provenance, the AI quality check on demand, and autosave: what the doctor types is on
 * disk once the store acknowledges it, without closing anything. Real window, real engine, real
 * encrypted store, real PDF import (child process).
 */
class DesktopAutosaveTest extends DesktopTest {

    @TempDir
    Path crashCopy;

    @Test
    void recentEncountersShowOnStartAndTypedWorkIsOnDiskOnceAcknowledged() throws Exception {
        Instant now = Instant.now();
        try (EncounterStore store = EncounterStore.open(new AppDirectories(dataDir).store(),
                KeyFileKeySource.forStore(new AppDirectories(dataDir).store()))) {
            Clinician doctor = store.patients().addClinician("Dr Wu", "physician");
            for (String[] patient : new String[][] {{"Ann Lee", "2"}, {"Bo Chen", "1"}}) {
                String id = store.patients().createPatient(new NewPatient(patient[0], null, null, null),
                        Actor.clinician(doctor.id())).id();
                store.encounters().createEncounter(id, new NewEncounter(now.minus(Duration.ofDays(Long.parseLong(patient[1]))),
                        null, doctor.id()), Actor.clinician(doctor.id()));
            }
        }
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        harness = DesktopHarness.start(dataDir, settings, DesktopHarness.realServices(settings));
        DesktopHarness.waitUntil(120, () -> workspace().engineStatus().state().get() == EngineState.READY);

        // The worklist lists the recent encounters, newest first, before any search.
        DesktopHarness.waitUntil(20, () -> workspace().encounterList().items().size() == 2);
        assertThat(workspace().encounterList().query().get()).isEmpty();
        assertThat(workspace().encounterList().items()).extracting(Encounters.Item::patientName)
                .containsExactly("Bo Chen", "Ann Lee");

        // A note typed before any encounter is open is never dropped silently: opening another
        // encounter asks first (the doctor says no: nothing changes), a new encounter takes it.
        DesktopHarness.onFx(() -> workspace().sources().note().edit("Seen before registration: sore throat."));
        harness.dialogs.confirmAnswers.add(false);
        clickWorklist("Ann Lee");
        DesktopHarness.waitUntil(10, () -> harness.dialogs.confirmations.contains("encounters.discard.message"));
        assertThat(workspace().openEncounter().get()).isNull();
        assertThat(workspace().sources().note().text().get()).isEqualTo("Seen before registration: sore throat.");
        DesktopHarness.onFx(() -> workspace().encounterList().create("Cai Dan", ""));
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null
                && workspace().openEncounter().get().patientName().equals("Cai Dan"));
        String adopted = workspace().openEncounter().get().id();
        assertThat(harness.dialogs.confirmations).hasSize(1);
        assertThat(harness.store.encounters().openEncounter(adopted, Actor.system()).sources()).anyMatch(source ->
                source.kind() == SourceKind.NOTE && source.text().equals("Seen before registration: sore throat."));
        assertThat(workspace().sources().note().text().get()).isEqualTo("Seen before registration: sore throat.");

        clickWorklist("Ann Lee");
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null
                && workspace().openEncounter().get().patientName().equals("Ann Lee"));
        assertThat(harness.dialogs.confirmations).hasSize(1); // an open encounter is saved, not asked about
        String encounterId = workspace().openEncounter().get().id();

        // A password-protected PDF (PDFBox's test suite, Apache-2.0; ../shared/data/pdfs/MANIFEST.csv):
        // asked for, a wrong password says so in the next prompt, the right one opens it.
        Path locked = TestModels.data("pdfs/encrypted-user-password__PasswordSample-40bit.pdf");
        harness.dialogs.nextDocuments = List.of(locked);
        harness.dialogs.passwords.add("not-the-password");
        harness.dialogs.passwords.add("user");
        DesktopHarness.onFx(() -> workspace().sources().importDocuments());
        DesktopHarness.waitUntil(60, () -> workspace().sources().sources().size() == 2);
        assertThat(harness.dialogs.passwordPrompts).containsExactly(false, true);
        SourceItem document = workspace().sources().sources().get(1);
        assertThat(document.pageCount()).isPositive();
        assertThat(document.text().get()).isNotBlank();
        // Importing is a save point: the document is a source of the encounter at once.
        DesktopHarness.waitUntil(20, () -> harness.store.encounters().openEncounter(encounterId, Actor.system()).sources().stream()
                .anyMatch(source -> source.kind() == SourceKind.DOCUMENT));
        // Cancelled at the prompt: the reason stays in the sources column.
        harness.dialogs.passwordPrompts.clear();
        DesktopHarness.onFx(() -> workspace().sources().importDocuments());
        DesktopHarness.waitUntil(60, () -> workspace().sources().message().get() != null);
        assertThat(workspace().sources().message().get().key()).isEqualTo("capture.pdf.password.required");
        assertThat(harness.dialogs.passwordPrompts).containsExactly(false);
        assertThat(robot.lookup("#sources-message").queryAs(Label.class).isVisible()).isTrue();

        // Type the note and draft it with the real engine: a save first, then the generation is a version.
        DesktopHarness.onFx(() -> workspace().sources().selected().set(workspace().sources().note()));
        robot.clickOn("#source-text").write("Cough for three days, no fever. Denies chest pain.");
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().endsWith("chest pain."));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        RecordViewModel record = workspace().record();
        DesktopHarness.waitUntil(180, () -> record.state().get() == RecordViewModel.State.DONE);
        DesktopHarness.waitUntil(20, () -> harness.store.drafts().draftVersions(encounterId).stream()
                .anyMatch(v -> v.kind() == DraftKind.AI_GENERATION));
        DraftVersion generated = harness.store.drafts().draftVersions(encounterId).stream()
                .filter(v -> v.kind() == DraftKind.AI_GENERATION).findFirst().orElseThrow();
        assertThat(generated.modelProvenanceJson()).contains("model_sha256").contains("engine_version");
        assertThat(generated.parametersJson()).contains("seed").contains("temperature");
        assertThat(generated.timingsJson()).contains("generated_tokens");
        assertThat(harness.store.encounters().openEncounter(encounterId, Actor.system()).sources().stream()
                .filter(source -> source.kind() == SourceKind.NOTE).map(source -> source.text()))
                .contains("Cough for three days, no fever. Denies chest pain.");

        // The rules checked the draft; the AI check runs on demand and leaves the rule findings standing.
        QualityViewModel quality = workspace().quality();
        DesktopHarness.waitUntil(20, () -> quality.report().get() != null);
        TabPane tabs = robot.lookup("#side-tabs").queryAs(TabPane.class);
        Tab qualityTab = tabs.getTabs().stream().filter(t -> "quality-tab".equals(t.getId())).findFirst().orElseThrow();
        DesktopHarness.onFx(() -> tabs.getSelectionModel().select(qualityTab));
        // The rule check is over before the AI check is asked for. The button is fired rather than
        // clicked: in two full-suite runs the robot's click here was lost (never when run alone); what
        // this test is about is the AI check and the findings, not the mouse.
        javafx.scene.control.Button checkModel = robot.lookup("#quality-check-model")
                .queryAs(javafx.scene.control.Button.class);
        DesktopHarness.waitUntil(20, () -> checkModel.isVisible() && !checkModel.isDisabled());
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        DesktopHarness.onFx(() -> {
            quality.modelRunning().addListener((obs, was, running) -> started.compareAndSet(false, running));
            checkModel.fire();
        });
        DesktopHarness.waitUntil(10, () -> started.get() || quality.message().get() != null);
        DesktopHarness.waitUntil(180, () -> !quality.modelRunning().get());
        assertThat(quality.state().get()).isEqualTo(QualityViewModel.State.DONE);
        assertThat(quality.report().get()).isNotNull();
        assertThat(quality.message().get().key()).startsWith("quality.ui.model");

        // The doctor types into a section and into the note; once acknowledged, it is on disk.
        StyleClassedTextArea first = robot.lookup("#section-" + record.sections().get(0).id() + " .section-text")
                .queryAs(StyleClassedTextArea.class);
        DesktopHarness.onFx(() -> {
            first.requestFocus();
            first.moveTo(first.getLength());
        });
        robot.write(" Typed by the doctor.");
        DesktopHarness.waitUntil(10, () -> record.sections().get(0).text().get().endsWith("Typed by the doctor."));
        DesktopHarness.onFx(() -> workspace().sources().selected().set(workspace().sources().note()));
        robot.clickOn("#source-text").type(KeyCode.END).write(" Call back Friday.");
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().endsWith("Call back Friday."));
        long typed = workspace().submittedRevision().get();
        assertThat(typed).isPositive();
        DesktopHarness.waitUntil(10, () -> workspace().savedRevision().get() >= typed);
        assertThat(robot.lookup("#autosave-status").queryAs(Label.class).getText()).startsWith("Saved");

        // Take the files as they are now, as a crash would leave them, and open that copy.
        copyStoreFiles(dataDir, crashCopy);
        AppDirectories copy = new AppDirectories(crashCopy);
        try (EncounterStore reopened = EncounterStore.open(copy.store(), KeyFileKeySource.forStore(copy.store()))) {
            Encounters.Content content = new StoredEncounters(reopened, Clock.systemDefaultZone(), "soap-en")
                    .open(encounterId);
            assertThat(content.note()).isEqualTo("Cough for three days, no fever. Denies chest pain. Call back Friday.");
            assertThat(content.sections().get(0).text()).endsWith(" Typed by the doctor.");
            assertThat(content.sections().get(0).editedByDoctor()).isTrue();
            WorkingDraft working = reopened.drafts().workingDraft(encounterId).orElseThrow();
            assertThat(working.sectionOrigins().get(content.sections().get(0).id()))
                    .isIn(SectionOrigin.AI_EDITED, SectionOrigin.HUMAN);
        }

        // Save (Ctrl+S) keeps the doctor's edits as a version of their own, after the AI's.
        assertThat(doctorsVersionWith(encounterId, "Typed by the doctor.")).isFalse();
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        DesktopHarness.waitUntil(20, () -> doctorsVersionWith(encounterId, "Typed by the doctor."));
    }

    /** The database, its WAL and the key, copied while the app runs (the lock file stays behind). */
    private boolean doctorsVersionWith(String encounterId, String text) {
        return harness.store.drafts().draftVersions(encounterId).stream().filter(v -> v.kind() == DraftKind.CLINICIAN_EDIT)
                .anyMatch(v -> harness.store.drafts().draftVersion(v.id()).contentJson().contains(text));
    }

    private void clickWorklist(String patientName) {
        robot.clickOn(robot.lookup("#encounter-list .list-cell")
                .match((ListCell<?> cell) -> cell.getText() != null && cell.getText().startsWith(patientName))
                .<javafx.scene.Node>query());
    }

    private static void copyStoreFiles(Path from, Path to) throws Exception {
        for (String folder : List.of("data", "keys")) {
            Path source = from.resolve(folder);
            Files.createDirectories(to.resolve(folder));
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (!file.getFileName().toString().contains("lock")) {
                        Files.copy(file, to.resolve(folder).resolve(file.getFileName()));
                    }
                }
            }
        }
    }
}
