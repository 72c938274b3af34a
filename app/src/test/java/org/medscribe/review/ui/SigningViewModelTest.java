package org.medscribe.review.ui;

import org.medscribe.review.Encounters;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.quality.RecordQuality;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.SavedValue;
import org.medscribe.ui.UnexpectedErrors;

/**
 * The signing panel's view-model over a scripted signing service (the store, the gate and the
 * export run in the desktop tests): who signs is asked once, a blocked signature needs a reason,
 * an amendment unlocks the record and needs its own reason.
 */
class SigningViewModelTest {

    @TempDir
    Path dir;

    private final Deque<Runnable> background = new ArrayDeque<>();
    private final Executor sameThread = Runnable::run;
    private final List<String> unexpected = new ArrayList<>();
    private final BackgroundTasks tasks = new BackgroundTasks(sameThread, background::add, background::add,
            new UnexpectedErrors(sameThread, unexpected::add));
    private final Deque<List<String>> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Signing.SignedRecord> signedSoFar = new ArrayList<>();

    private static final RecordQuality.Localized PLAN = new RecordQuality.Localized("The plan is missing.", "缺少处理意见。");
    private static final RecordQuality.Finding CRITICAL = new RecordQuality.Finding("plan.missing", "critical", "rule",
            "plan", "Plan", 0, 0, PLAN, PLAN, null, null, List.of(), List.of());
    private static final RecordQuality.Report BLOCKED = new RecordQuality.Report("en", 74, "C", 1, 0, 0, true,
            List.of(CRITICAL), null);

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    private final Signing signing = new Signing() {
        @Override
        public String registerClinician(String knownId, String name, String role) {
            calls.add("register " + name + " / " + role);
            return "clinician-1";
        }

        @Override
        public Outcome sign(Request request, String clinicianId, String overrideReason) {
            calls.add("sign " + clinicianId + " " + overrideReason);
            if (overrideReason == null) {
                return new Blocked(BLOCKED, List.of(CRITICAL));
            }
            SignedRecord record = new SignedRecord(1, "Dr Zhou", "attending", Instant.EPOCH, "ab".repeat(32), null, 1,
                    overrideReason);
            signedSoFar.add(record);
            return new Signed(record, BLOCKED);
        }

        @Override
        public Outcome amend(Request request, String clinicianId, String amendmentReason, String overrideReason) {
            calls.add("amend " + amendmentReason + " " + overrideReason);
            SignedRecord record = new SignedRecord(2, "Dr Zhou", "attending", Instant.EPOCH, "cd".repeat(32),
                    amendmentReason, 0, null);
            signedSoFar.add(record);
            return new Signed(record, BLOCKED);
        }

        @Override
        public History history(String encounterId) {
            return new History(signedSoFar, List.of(), false);
        }

        @Override
        public void exportPdf(String encounterId, Letterhead letterhead, Path target) {
            calls.add("export " + letterhead.name() + " " + target.getFileName());
        }
    };

    private SigningViewModel model(SavedValue<Settings> settings) {
        DialogService dialogs = new ScriptedDialogs();
        SigningViewModel model = new SigningViewModel(signing, tasks, dialogs, settings,
                () -> new Signing.Request("encounter-1", Encounters.Content.empty("soap-en"), List.of()));
        model.load("encounter-1");
        runBackground();
        return model;
    }

    private SavedValue<Settings> settings(Settings initial) {
        return new SavedValue<>(initial, new SettingsStore(dir.resolve("settings.json"))::save, tasks);
    }

    @Test
    void whoSignsIsAskedOnceAndACriticalFindingNeedsAReason() {
        SavedValue<Settings> settings = settings(Settings.defaults());
        SigningViewModel model = model(settings);
        assertThat(model.status().get()).isEqualTo(SigningViewModel.Status.UNSIGNED);
        List<RecordQuality.Report> checked = new ArrayList<>();
        model.setOnChecked(checked::add);

        answers.add(List.of("Dr Zhou", "attending"));
        answers.add(List.of("")); // no reason: not signed
        model.sign();
        runBackground();
        assertThat(model.status().get()).isEqualTo(SigningViewModel.Status.UNSIGNED);
        assertThat(model.message().get().key()).isEqualTo("signing.message.blocked");
        assertThat(asked).containsExactly("signing.clinician.title", "signing.override.title: Plan: The plan is missing.");
        assertThat(settings.get().clinician()).isEqualTo(new Settings.Clinician("Dr Zhou", "attending", "clinician-1"));
        assertThat(checked).containsExactly(BLOCKED);

        answers.add(List.of("Plan given verbally"));
        model.sign();
        runBackground();
        assertThat(model.status().get()).isEqualTo(SigningViewModel.Status.SIGNED);
        assertThat(model.locked().get()).isTrue();
        assertThat(model.latest().get().overrideReason()).isEqualTo("Plan given verbally");
        assertThat(calls).containsExactly("register Dr Zhou / attending", "sign clinician-1 null",
                "sign clinician-1 null", "sign clinician-1 Plan given verbally");
        assertThat(unexpected).isEmpty();
    }

    @Test
    void anAmendmentUnlocksTheRecordAndNeedsItsOwnReason() {
        signedSoFar.add(new Signing.SignedRecord(1, "Dr Zhou", null, Instant.EPOCH, "ab".repeat(32), null, 0, null));
        SavedValue<Settings> settings = settings(Settings.defaults()
                .withClinician(new Settings.Clinician("Dr Zhou", "", "clinician-1"))
                .withClinic(new Settings.Clinic("Riverside Clinic", null, null)));
        SigningViewModel model = model(settings);
        assertThat(model.status().get()).isEqualTo(SigningViewModel.Status.SIGNED);
        model.sign();
        assertThat(model.message().get().key()).isEqualTo("signing.error.alreadySigned");

        model.startAmendment();
        assertThat(model.locked().get()).isFalse();
        answers.add(List.of(" "));
        model.sign();
        assertThat(model.message().get().key()).isEqualTo("signing.error.amendReason");
        assertThat(calls).isEmpty();

        answers.add(List.of("Dose corrected"));
        model.sign();
        runBackground();
        assertThat(calls).containsExactly("amend Dose corrected null");
        assertThat(model.status().get()).isEqualTo(SigningViewModel.Status.SIGNED);
        assertThat(model.signed()).hasSize(2);

        model.exportPdf();
        runBackground();
        assertThat(calls).last().asString().startsWith("export Riverside Clinic record-");
    }

    /** Answers text prompts from {@link #answers}; the save chooser answers with a file in the temp dir. */
    private final class ScriptedDialogs extends org.medscribe.ui.QuietDialogs {
        @Override
        public Optional<List<String>> askText(String titleKey, String bodyKey, List<String> bodyLines,
                                              List<String> fieldKeys) {
            asked.add(bodyLines.isEmpty() ? titleKey : titleKey + ": " + String.join(" | ", bodyLines));
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<Path> chooseSaveFile(String titleKey, String suggestedName) {
            return Optional.of(dir.resolve(suggestedName));
        }

        @Override
        public void showUnexpectedError(String errorCode) {
            unexpected.add(errorCode);
        }
    }
}
