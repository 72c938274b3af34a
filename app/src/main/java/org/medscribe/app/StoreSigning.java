package org.medscribe.app;

import org.medscribe.review.RecordSigning;
import org.medscribe.review.StoredEncounters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medscribe.common.CancellationToken;
import org.medscribe.export.ClinicHeader;
import org.medscribe.export.ExportFormat;
import org.medscribe.export.SignedRecordExport;
import org.medscribe.quality.RecordQuality;
import org.medscribe.review.ui.Signing;
import org.medscribe.storage.Actor;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.DraftKind;
import org.medscribe.storage.DraftVersion;
import org.medscribe.storage.EncounterStore;

/**
 * The signing panel's {@link Signing} on the review feature's {@link RecordSigning} (signing,
 * amendments, history), quality control (the check before signing, its findings shown in both
 * languages) and the export's {@link SignedRecordExport}; names clinicians as the panel shows them.
 * Blocking: io executor.
 */
final class StoreSigning implements Signing {

    private final StoredEncounters encounters;
    private final EncounterStore store;
    private final ControlQuality quality;
    private final RecordSigning signing;
    private final SignedRecordExport export;

    StoreSigning(StoredEncounters encounters, ControlQuality quality) {
        this.encounters = encounters;
        this.store = encounters.store();
        this.quality = quality;
        this.signing = new RecordSigning(encounters);
        this.export = new SignedRecordExport(store);
    }

    @Override
    public String registerClinician(String knownId, String name, String role) {
        return signing.registerClinician(knownId, name, role);
    }

    @Override
    public Outcome sign(Request request, String clinicianId, String overrideReason) {
        return seal(request, clinicianId, null, overrideReason);
    }

    @Override
    public Outcome amend(Request request, String clinicianId, String amendmentReason, String overrideReason) {
        return seal(request, clinicianId, amendmentReason == null ? "" : amendmentReason, overrideReason);
    }

    private Outcome seal(Request request, String clinicianId, String amendmentReason, String overrideReason) {
        ControlQuality.Checked[] checked = new ControlQuality.Checked[1];
        RecordSigning.Outcome outcome = signing.sign(request.encounterId(), request.content(), clinicianId,
                amendmentReason, overrideReason, (encounterId, content) -> {
                    checked[0] = quality.checkAndKeep(new RecordQuality.Request(encounterId, content.record(),
                            request.sources()), false, CancellationToken.none());
                    return new RecordSigning.Checked(checked[0].report(), checked[0].kept());
                });
        RecordQuality.Report shown = checked[0].shown();
        if (outcome instanceof RecordSigning.Signed signed) {
            return new Signed(item(signed.record(), names(), signed.overridden(), signed.overrideReason()), shown);
        }
        return new Blocked(shown, shown.findings().stream().filter(RecordQuality.Finding::critical).toList());
    }

    @Override
    public History history(String encounterId) {
        Map<String, Clinician> names = names();
        RecordSigning.History history = signing.history(encounterId);
        List<Signing.SignedRecord> signed = history.signed().stream()
                .map(kept -> item(kept.record(), names, kept.waived(), kept.waiverReason())).toList();
        List<Version> versions = new ArrayList<>();
        for (DraftVersion version : history.versions()) {
            Clinician author = version.author() == null || version.author().id() == null ? null
                    : names.get(version.author().id());
            versions.add(new Version(version.versionNo(), version.kind() == DraftKind.AI_GENERATION,
                    author == null ? null : author.displayName(), version.createdAt()));
        }
        org.medscribe.storage.Cosignatures.State cosign = store.cosignatures().state(encounterId);
        return new History(signed, versions, history.amendmentInProgress(), new Cosign(cosign.requested(),
                nameOf(names, cosign.requestedBy()), nameOf(names, cosign.cosignedBy())));
    }

    private static String nameOf(Map<String, Clinician> names, String id) {
        Clinician known = id == null ? null : names.get(id);
        return known == null ? id : known.displayName();
    }

    @Override
    public void requestCosignature(String encounterId, String clinicianId) {
        store.cosignatures().request(encounterId, clinicianId);
    }

    @Override
    public void cosign(String encounterId, String clinicianId) {
        store.cosignatures().cosign(encounterId, clinicianId);
    }

    private Map<String, Clinician> names() {
        Map<String, Clinician> names = new HashMap<>();
        store.patients().clinicians().forEach(c -> names.put(c.id(), c));
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
    public String signedText(String encounterId, int version) {
        return store.signedRecords().signedRecords(encounterId).stream()
                .filter(record -> record.recordVersion() == version).findFirst()
                .map(SignedRecordExport::text)
                .orElseThrow(() -> new org.medscribe.common.MedScribeException(
                        org.medscribe.common.MedScribeException.Category.BAD_INPUT, "storage.error.notFound", "record"));
    }

    @Override
    public void exportPdf(String encounterId, Letterhead letterhead, Path target) {
        ClinicHeader clinic = new ClinicHeader(letterhead.name(),
                Optional.ofNullable(letterhead.logo()).filter(logo -> !logo.isBlank()).map(Path::of).orElse(null),
                letterhead.address());
        export.export(encounterId, Actor.clinician(encounters.clinician()), clinic, ExportFormat.PDF, target);
    }
}
