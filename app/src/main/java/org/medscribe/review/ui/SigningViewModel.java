package org.medscribe.review.ui;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medscribe.common.MedScribeException;
import org.medscribe.quality.RecordQuality;
import org.medscribe.review.TextDiff;
import org.medscribe.settings.Settings;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.SavedValue;

/**
 * The signing panel: sign the record (the rule checks first; critical findings need a reason),
 * the signed record's signer, time and content hash, amendments with their reason, the versions,
 * and the PDF export. The signer is the clinician of the settings, asked for (and registered
 * with the store) the first time. UI thread; the store on the io executor.
 */
public final class SigningViewModel {

    /** Where the open encounter's record is. */
    public enum Status {
        /** No encounter open: nothing can be signed yet. */
        NO_ENCOUNTER,
        UNSIGNED,
        /** Signed: read-only until an amendment is started. */
        SIGNED,
        /** Signed, and being edited for an amendment. */
        AMENDING
    }

    private final Signing signing;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final SavedValue<Settings> settings;
    private final Supplier<Signing.Request> request;
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.NO_ENCOUNTER);
    private final ReadOnlyObjectWrapper<Signing.SignedRecord> latest = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Signing.SignedRecord> signed = FXCollections.observableArrayList();
    private final ObservableList<Signing.Version> versions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<MessageKey> message = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<VersionText> opened = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Signing.Cosign> cosign = new ReadOnlyObjectWrapper<>(Signing.Cosign.NONE);
    private final ReadOnlyObjectWrapper<Comparison> comparison = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding locked = Bindings.createBooleanBinding(() -> status.get() == Status.SIGNED, status);
    private Consumer<RecordQuality.Report> onChecked = report -> { };
    private String encounterId;

    /** @param request the open encounter's record and sources as they stand, or null when none is open */
    public SigningViewModel(Signing signing, BackgroundTasks tasks, DialogService dialogs, SavedValue<Settings> settings,
                            Supplier<Signing.Request> request) {
        this.signing = Objects.requireNonNull(signing, "signing");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.request = Objects.requireNonNull(request, "request");
    }

    /** Hears the quality check made before signing (the shell shows it in the Quality tab). */
    public void setOnChecked(Consumer<RecordQuality.Report> handler) {
        this.onChecked = Objects.requireNonNull(handler, "handler");
    }

    /** The open encounter changed: loads its signed records and versions. */
    public void load(String id) {
        encounterId = id;
        message.set(null);
        closeVersion();
        latest.set(null);
        cosign.set(Signing.Cosign.NONE);
        signed.clear();
        versions.clear();
        if (id == null) {
            status.set(Status.NO_ENCOUNTER);
            return;
        }
        // Locked until the history says otherwise: a signed record must never open editable by accident.
        status.set(Status.SIGNED);
        refresh(true);
    }

    /** Reloads the history (after a save or a generation added versions). */
    public void refresh() {
        refresh(false);
    }

    private void refresh(boolean opening) {
        String id = encounterId;
        if (id == null) {
            return;
        }
        tasks.io(() -> signing.history(id)).onSuccess(history -> {
            if (!id.equals(encounterId)) {
                return;
            }
            signed.setAll(history.signed());
            cosign.set(history.cosign());
            versions.setAll(history.versions());
            latest.set(history.latest());
            if (history.latest() == null) {
                status.set(Status.UNSIGNED);
            } else if (opening) {
                status.set(history.amendmentInProgress() ? Status.AMENDING : Status.SIGNED);
            } else if (status.get() != Status.AMENDING) {
                status.set(Status.SIGNED);
            }
        }).onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)));
    }

    /** Signs the record, or the amendment being made. */
    public void sign() {
        if (busy.get()) {
            return;
        }
        Signing.Request now = request.get();
        if (now == null || encounterId == null) {
            message.set(new MessageKey("signing.error.saveFirst"));
            return;
        }
        if (status.get() == Status.SIGNED) {
            message.set(new MessageKey("signing.error.alreadySigned"));
            return;
        }
        String amendmentReason = null;
        if (status.get() == Status.AMENDING) {
            Optional<List<String>> typed = dialogs.askText("signing.amend.title", "signing.amend.body", List.of(),
                    List.of("signing.amend.reason"));
            if (typed.isEmpty() || typed.get().get(0).isBlank()) {
                message.set(new MessageKey("signing.error.amendReason"));
                return;
            }
            amendmentReason = typed.get().get(0).strip();
        }
        String reason = amendmentReason;
        withClinician(clinician -> attempt(now, clinician, reason, null));
    }

    private void attempt(Signing.Request now, String clinician, String amendmentReason, String overrideReason) {
        busy.set(true);
        message.set(null);
        tasks.io(() -> amendmentReason == null ? signing.sign(now, clinician, overrideReason)
                        : signing.amend(now, clinician, amendmentReason, overrideReason))
                .onSuccess(outcome -> {
                    onChecked.accept(outcome.report());
                    if (outcome instanceof Signing.Signed done) {
                        status.set(Status.SIGNED);
                        latest.set(done.record());
                        dialogs.notify(amendmentReason == null ? "signing.message.signed" : "signing.message.amended");
                        refresh();
                    } else if (outcome instanceof Signing.Blocked blocked) {
                        askOverride(now, clinician, amendmentReason, blocked);
                    }
                })
                .onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)))
                .onFinished(() -> busy.set(false));
    }

    /** Critical findings stand: the doctor fixes them, or signs over them with a reason. */
    private void askOverride(Signing.Request now, String clinician, String amendmentReason, Signing.Blocked blocked) {
        String language = uiLanguage();
        List<String> lines = blocked.blocking().stream()
                .map(f -> f.sectionTitle() + ": " + f.message().in(language))
                .toList();
        Optional<List<String>> typed = dialogs.askText("signing.override.title", "signing.override.body", lines,
                List.of("signing.override.reason"));
        if (typed.isEmpty() || typed.get().get(0).isBlank()) {
            message.set(new MessageKey("signing.message.blocked", blocked.blocking().size()));
            return;
        }
        attempt(now, clinician, amendmentReason, typed.get().get(0).strip());
    }

    private String uiLanguage() {
        String language = settings.get().uiLanguage();
        return language != null && language.startsWith("zh") ? "zh" : "en";
    }

    /**
     * Runs {@code then} with the store id of the clinician of the settings; asks for the name and
     * role the first time and registers them once.
     */
    private void withClinician(Consumer<String> then) {
        Settings.Clinician known = settings.get().clinician();
        if (known != null && known.named() && known.storeId() != null) {
            then.accept(known.storeId());
            return;
        }
        String name;
        String role;
        if (known == null || !known.named()) {
            Optional<List<String>> typed = dialogs.askText("signing.clinician.title", "signing.clinician.body",
                    List.of(), List.of("settings.field.clinicianName", "settings.field.clinicianRole"));
            if (typed.isEmpty() || typed.get().get(0).isBlank()) {
                message.set(new MessageKey("signing.error.noClinician"));
                return;
            }
            name = typed.get().get(0).strip();
            role = typed.get().get(1).strip();
        } else {
            name = known.name();
            role = known.role() == null ? "" : known.role();
        }
        String knownId = known == null ? null : known.storeId();
        busy.set(true);
        tasks.io(() -> signing.registerClinician(knownId, name, role))
                .onSuccess(id -> {
                    settings.update(now -> now.withClinician(new Settings.Clinician(name, role, id)));
                    busy.set(false);
                    then.accept(id);
                })
                .onError(MedScribeException.class, failure -> {
                    busy.set(false);
                    message.set(MessageKey.of(failure));
                });
    }

    /** Unlocks the signed record for an amendment; the signed original stays as it is. */
    public void startAmendment() {
        if (status.get() == Status.SIGNED) {
            status.set(Status.AMENDING);
            message.set(new MessageKey("signing.message.amending"));
        }
    }

    /** Asks a supervising clinician to co-sign the signed record (the worklist says it awaits co-signature). */
    public void requestCosignature() {
        cosignStep(signing::requestCosignature, "signing.message.cosignRequested");
    }

    /** Co-signs the signed record as the clinician of the settings (who must not be its signer). */
    public void cosign() {
        cosignStep(signing::cosign, "signing.message.cosigned");
    }

    private void cosignStep(java.util.function.BiConsumer<String, String> step, String doneKey) {
        String id = encounterId;
        if (id == null || busy.get() || latest.get() == null) {
            return;
        }
        withClinician(clinician -> {
            busy.set(true);
            tasks.io(() -> {
                step.accept(id, clinician);
                return null;
            }).onSuccess(done -> {
                dialogs.notify(doneKey);
                refresh();
            }).onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)))
                    .onFinished(() -> busy.set(false));
        });
    }

    /** Where the co-signature of the latest signed record stands. */
    public ReadOnlyObjectProperty<Signing.Cosign> cosignState() {
        return cosign.getReadOnlyProperty();
    }

    /** A signed version's text, opened to read (never to edit). */
    public record VersionText(int version, String text) {
    }

    /** Two signed versions side by side: what the newer removed from the older and what it added. */
    public record Comparison(int older, int newer, List<TextDiff.Piece> pieces) {
    }

    /** Opens signed version {@code version} read-only ({@link #openedVersion}). */
    public void openVersion(int version) {
        String id = encounterId;
        if (id == null) {
            return;
        }
        tasks.io(() -> signing.signedText(id, version))
                .onSuccess(text -> opened.set(new VersionText(version, text)))
                .onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)));
    }

    /** Compares signed versions {@code older} and {@code newer} ({@link #comparison}), by word or Chinese character. */
    public void compare(int older, int newer) {
        String id = encounterId;
        if (id == null) {
            return;
        }
        tasks.io(() -> new Comparison(older, newer, TextDiff.between(signing.signedText(id, older),
                        signing.signedText(id, newer))))
                .onSuccess(comparison::set)
                .onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)));
    }

    /** The version being read or compared was closed. */
    public void closeVersion() {
        opened.set(null);
        comparison.set(null);
    }

    /** The signed version opened to read, or null. */
    public ReadOnlyObjectProperty<VersionText> openedVersion() {
        return opened.getReadOnlyProperty();
    }

    /** The two versions being compared, or null. */
    public ReadOnlyObjectProperty<Comparison> comparison() {
        return comparison.getReadOnlyProperty();
    }

    /** Exports the latest signed record as a PDF with the clinic's letterhead. */
    public void exportPdf() {
        Signing.SignedRecord record = latest.get();
        String id = encounterId;
        if (record == null || id == null) {
            message.set(new MessageKey("signing.error.exportUnsigned"));
            return;
        }
        String name = "record-" + LocalDate.ofInstant(record.signedAt(), ZoneId.systemDefault()) + "-v"
                + record.version() + ".pdf";
        Optional<Path> target = dialogs.chooseSaveFile("signing.export.title", name);
        if (target.isEmpty()) {
            return;
        }
        Settings.Clinic clinic = settings.get().clinic();
        Signing.Letterhead letterhead = clinic == null ? new Signing.Letterhead(null, null, null)
                : new Signing.Letterhead(clinic.name(), clinic.address(), clinic.logo());
        busy.set(true);
        tasks.io(() -> signing.exportPdf(id, letterhead, target.get()))
                .onSuccess(done -> dialogs.notify("signing.message.exported", String.valueOf(target.get().getFileName())))
                .onError(MedScribeException.class, failure -> message.set(MessageKey.of(failure)))
                .onFinished(() -> busy.set(false));
    }

    public ReadOnlyObjectProperty<Status> status() {
        return status.getReadOnlyProperty();
    }

    /** The latest signed record or amendment, or null. */
    public ReadOnlyObjectProperty<Signing.SignedRecord> latest() {
        return latest.getReadOnlyProperty();
    }

    /** Every signed record and amendment, oldest first (the originals stay visible). */
    public ObservableList<Signing.SignedRecord> signed() {
        return FXCollections.unmodifiableObservableList(signed);
    }

    /** The draft's versions, oldest first. */
    public ObservableList<Signing.Version> versions() {
        return FXCollections.unmodifiableObservableList(versions);
    }

    /** Inline message (blocked, reason missing, export failed), or null. */
    public ReadOnlyObjectProperty<MessageKey> message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** True while the record is signed and not being amended: it may not be edited. */
    public BooleanBinding locked() {
        return locked;
    }
}
