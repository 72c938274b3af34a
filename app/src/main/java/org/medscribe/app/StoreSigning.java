package org.medscribe.app;

import org.medscribe.review.StoredEncounters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.record.RecordJson;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.export.ClinicHeader;
import org.medscribe.export.ExportFormat;
import org.medscribe.export.SignedRecordExport;
import org.medscribe.quality.SigningDecision;
import org.medscribe.quality.SigningGate;
import org.medscribe.quality.SigningOverride;
import org.medscribe.quality.ui.RecordQuality;
import org.medscribe.review.Encounters;
import org.medscribe.review.ui.Signing;
import org.medscribe.storage.Actor;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.DraftKind;
import org.medscribe.storage.DraftVersion;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.FindingStatus;
import org.medscribe.storage.QualityFinding;

/**
 * The signing panel's {@link Signing} on the encounter store, quality control's {@link SigningGate}
 * and the export. Signing: the note becomes a source and the record a version; the rules check
 * that version (its findings kept with it); critical findings block unless the doctor gave a
 * reason, which is stored on each overridden finding of the signed version
 * ({@link EncounterStore#overrideFinding}); then {@link EncounterStore#sign} or
 * {@link EncounterStore#amend}. Blocking: io executor.
 */
final class StoreSigning implements Signing {

    private final StoredEncounters encounters;
    private final EncounterStore store;
    private final ControlQuality quality;
    private final SignedRecordExport export;

    StoreSigning(StoredEncounters encounters, ControlQuality quality) {
        this.encounters = encounters;
        this.store = encounters.store();
        this.quality = quality;
        this.export = new SignedRecordExport(store);
    }

    @Override
    public String registerClinician(String knownId, String name, String role) {
        String id = knownId == null ? null : store.clinicians().stream()
                .filter(c -> c.active() && c.id().equals(knownId)).map(Clinician::id).findFirst().orElse(null);
        if (id == null) {
            id = store.addClinician(name, role == null || role.isBlank() ? null : role.strip()).id();
        }
        encounters.actAs(id);
        return id;
    }

    @Override
    public Outcome sign(Request request, String clinicianId, String overrideReason) {
        return seal(request, clinicianId, null, overrideReason);
    }

    @Override
    public Outcome amend(Request request, String clinicianId, String amendmentReason, String overrideReason) {
        if (amendmentReason == null || amendmentReason.isBlank()) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.reasonRequired");
        }
        return seal(request, clinicianId, amendmentReason, overrideReason);
    }

    private Outcome seal(Request request, String clinicianId, String amendmentReason, String overrideReason) {
        String encounterId = request.encounterId();
        Encounters.Content content = request.content();
        if (content.sections().stream().allMatch(section -> section.text().isBlank())) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.nothingToSign");
        }
        encounters.actAs(clinicianId);
        // The version to be signed exists before the check, so its findings and the signature share it.
        encounters.prepareForSigning(encounterId, content);
        store.checkpointEdits(encounterId, Actor.clinician(clinicianId));
        ControlQuality.Checked checked = quality.checkAndKeep(new RecordQuality.Request(encounterId,
                content.record(), request.sources()), false, CancellationToken.none());
        SigningDecision decision = SigningGate.evaluate(checked.report());
        int overridden = 0;
        if (decision instanceof SigningDecision.Blocked blocked) {
            if (overrideReason == null || overrideReason.isBlank()) {
                List<RecordQuality.Finding> blocking = checked.shown().findings().stream()
                        .filter(RecordQuality.Finding::critical).toList();
                return new Blocked(checked.shown(), blocking);
            }
            SigningOverride override = blocked.override(overrideReason, clinicianId);
            List<org.medscribe.quality.Finding> findings = checked.report().findings();
            for (int i = 0; i < findings.size() && i < checked.kept().size(); i++) {
                if (findings.get(i).blocksSigning()) {
                    store.overrideFinding(checked.kept().get(i).id(), clinicianId, override.reason());
                    overridden++;
                }
            }
        }
        org.medscribe.storage.SignedRecord record = amendmentReason == null ? store.sign(encounterId, clinicianId)
                : store.amend(encounterId, clinicianId, amendmentReason);
        return new Signed(item(record, names(), overridden, overridden == 0 ? null : overrideReason.strip()),
                checked.shown());
    }

    @Override
    public History history(String encounterId) {
        Map<String, Clinician> names = names();
        List<QualityFinding> findings = store.findings(encounterId);
        List<org.medscribe.storage.SignedRecord> records = store.signedRecords(encounterId);
        List<Signing.SignedRecord> signed = new ArrayList<>();
        for (org.medscribe.storage.SignedRecord record : records) {
            List<QualityFinding> waived = findings.stream()
                    .filter(f -> f.status() == FindingStatus.OVERRIDDEN
                            && record.draftVersionId().equals(f.draftVersionId()))
                    .toList();
            signed.add(item(record, names, waived.size(), waived.isEmpty() ? null : waived.get(0).overrideReason()));
        }
        List<Version> versions = new ArrayList<>();
        for (DraftVersion version : store.draftVersions(encounterId)) {
            if (version.kind() == DraftKind.CLINICIAN_EDIT && emptyRecord(version)) {
                continue; // kept by the store before a generation; an empty record is no version to show
            }
            Clinician author = version.author() == null || version.author().id() == null ? null
                    : names.get(version.author().id());
            versions.add(new Version(version.versionNo(), version.kind() == DraftKind.AI_GENERATION,
                    author == null ? null : author.displayName(), version.createdAt()));
        }
        return new History(signed, versions, !records.isEmpty()
                && editedSince(encounterId, records.get(records.size() - 1)));
    }

    /** The working draft, less the note being typed, is not the content last signed. */
    private boolean editedSince(String encounterId, org.medscribe.storage.SignedRecord latest) {
        return store.workingDraft(encounterId).map(working -> {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                        RecordJson.mapper().readTree(working.contentJson());
                tree.remove("note_draft");
                String sha = org.medscribe.storage.CanonicalJson.sha256(
                        org.medscribe.storage.CanonicalJson.canonicalise(tree.toString()));
                return !sha.equals(latest.contentSha256());
            } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException unreadable) {
                return false;
            }
        }).orElse(false);
    }

    private boolean emptyRecord(DraftVersion version) {
        String content = store.draftVersion(version.id()).contentJson();
        return RecordJson.read(content, "").record().sections().stream().allMatch(section -> section.text().isBlank());
    }

    private Map<String, Clinician> names() {
        Map<String, Clinician> names = new HashMap<>();
        store.clinicians().forEach(c -> names.put(c.id(), c));
        return names;
    }

    private static Signing.SignedRecord item(org.medscribe.storage.SignedRecord record, Map<String, Clinician> names, int overridden,
                                             String overrideReason) {
        Clinician signer = names.get(record.signerId());
        return new Signing.SignedRecord(record.recordVersion(), signer == null ? record.signerId()
                : signer.displayName(), signer == null ? null : signer.role(), record.signedAt(),
                record.contentSha256(), record.amendmentReason(), overridden, overrideReason);
    }

    @Override
    public void exportPdf(String encounterId, Letterhead letterhead, Path target) {
        ClinicHeader clinic = new ClinicHeader(letterhead.name(),
                Optional.ofNullable(letterhead.logo()).filter(logo -> !logo.isBlank()).map(Path::of).orElse(null),
                letterhead.address());
        export.export(encounterId, Actor.clinician(encounters.clinician()), clinic, ExportFormat.PDF, target);
    }
}
