package org.medscribe.review;

import java.util.ArrayList;
import java.util.List;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.quality.QualityReport;
import org.medscribe.quality.SigningDecision;
import org.medscribe.quality.SigningGate;
import org.medscribe.quality.SigningOverride;
import org.medscribe.record.RecordJson;
import org.medscribe.storage.Actor;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.DraftKind;
import org.medscribe.storage.DraftVersion;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.FindingStatus;
import org.medscribe.storage.QualityFinding;
import org.medscribe.storage.SignedRecord;

/**
 * Signing, amending and the history of an encounter's record on the encounter store. Signing: the
 * note becomes a source and the record a version; the rules check that version (its findings kept
 * with it); critical findings block unless the doctor gave a reason, which is stored on each
 * overridden finding of the signed version; then the store signs or amends. Blocking: io executor.
 */
public final class RecordSigning {

    /** Checks the record about to be signed and keeps its findings with the version. */
    @FunctionalInterface
    public interface Check {
        /** The report, and the findings as the store kept them, in the report's order. */
        Checked run(String encounterId, Encounters.Content content);
    }

    /** What a check found and how the store kept it. */
    public record Checked(QualityReport report, List<QualityFinding> kept) {
    }

    /** What a signing attempt came to. */
    public sealed interface Outcome permits Signed, Blocked {
    }

    /** Signed: the store's signed record, and the critical findings signed over for {@code overrideReason}. */
    public record Signed(SignedRecord record, int overridden, String overrideReason) implements Outcome {
    }

    /** Not signed: critical findings stand and no reason was given. */
    public record Blocked() implements Outcome {
    }

    /** A signed record with the critical findings its signer waived and why (the first reason). */
    public record SignedWithWaivers(SignedRecord record, int waived, String waiverReason) {
    }

    /**
     * The record's history: signed records (oldest first), the draft versions worth showing, and
     * whether the record was edited after its latest signature (an amendment in progress).
     */
    public record History(List<SignedWithWaivers> signed, List<DraftVersion> versions, boolean amendmentInProgress) {
    }

    private final StoredEncounters encounters;
    private final EncounterStore store;

    public RecordSigning(StoredEncounters encounters) {
        this.encounters = encounters;
        this.store = encounters.store();
    }

    /**
     * The store's id for this clinician: {@code knownId} when the store knows it as active, else a
     * new registration; from then on edits are theirs.
     */
    public String registerClinician(String knownId, String name, String role) {
        String id = knownId == null ? null : store.patients().clinicians().stream()
                .filter(c -> c.active() && c.id().equals(knownId)).map(Clinician::id).findFirst().orElse(null);
        if (id == null) {
            id = store.patients().addClinician(name, role == null || role.isBlank() ? null : role.strip()).id();
        }
        encounters.actAs(id);
        return id;
    }

    /**
     * Signs the record (an amendment of the latest signed one when {@code amendmentReason} is given).
     *
     * @throws MedScribeException BAD_INPUT for an amendment without reason, or nothing to sign
     */
    public Outcome sign(String encounterId, Encounters.Content content, String clinicianId, String amendmentReason,
                        String overrideReason, Check check) {
        if (amendmentReason != null && amendmentReason.isBlank()) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.reasonRequired");
        }
        if (content.sections().stream().allMatch(section -> section.text().isBlank())) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.nothingToSign");
        }
        encounters.actAs(clinicianId);
        // The version to be signed exists before the check, so its findings and the signature share it.
        encounters.prepareForSigning(encounterId, content);
        store.drafts().checkpointEdits(encounterId, Actor.clinician(clinicianId));
        Checked checked = check.run(encounterId, content);
        SigningDecision decision = SigningGate.evaluate(checked.report());
        int overridden = 0;
        if (decision instanceof SigningDecision.Blocked blocked) {
            if (overrideReason == null || overrideReason.isBlank()) {
                return new Blocked();
            }
            SigningOverride override = blocked.override(overrideReason, clinicianId);
            List<org.medscribe.quality.Finding> findings = checked.report().findings();
            for (int i = 0; i < findings.size() && i < checked.kept().size(); i++) {
                if (findings.get(i).blocksSigning()) {
                    store.findings().overrideFinding(checked.kept().get(i).id(), clinicianId, override.reason());
                    overridden++;
                }
            }
        }
        SignedRecord record = amendmentReason == null ? store.signedRecords().sign(encounterId, clinicianId)
                : store.signedRecords().amend(encounterId, clinicianId, amendmentReason);
        return new Signed(record, overridden, overridden == 0 ? null : overrideReason.strip());
    }

    /** The encounter's signed records and draft versions. */
    public History history(String encounterId) {
        List<QualityFinding> findings = store.findings().findings(encounterId);
        List<SignedRecord> records = store.signedRecords().signedRecords(encounterId);
        List<SignedWithWaivers> signed = new ArrayList<>();
        for (SignedRecord record : records) {
            List<QualityFinding> waived = findings.stream()
                    .filter(f -> f.status() == FindingStatus.OVERRIDDEN
                            && record.draftVersionId().equals(f.draftVersionId()))
                    .toList();
            signed.add(new SignedWithWaivers(record, waived.size(),
                    waived.isEmpty() ? null : waived.get(0).overrideReason()));
        }
        List<DraftVersion> versions = store.drafts().draftVersions(encounterId).stream()
                // kept by the store before a generation; an empty record is no version to show
                .filter(version -> version.kind() != DraftKind.CLINICIAN_EDIT || !emptyRecord(version))
                .toList();
        return new History(signed, versions, !records.isEmpty()
                && editedSince(encounterId, records.get(records.size() - 1)));
    }

    /**
     * The words of the working draft are not those last signed: its template or a section's text
     * differs. Only typing after an explicit Amend changes them (a signed record refuses typing);
     * the note being typed and what the record screen derives (statements, origins, states) do not
     * make an amendment.
     */
    private boolean editedSince(String encounterId, SignedRecord latest) {
        return store.drafts().workingDraft(encounterId).map(working -> {
            try {
                return !words(working.contentJson()).equals(words(latest.contentJson()));
            } catch (MedScribeException unreadable) {
                return false; // a draft that does not read opens read-only, as signed
            }
        }).orElse(false);
    }

    private static List<String> words(String contentJson) {
        org.medscribe.record.KeptRecord record = RecordJson.read(contentJson, "").record();
        List<String> words = new ArrayList<>();
        words.add(record.template());
        record.sections().forEach(section -> words.add(section.id() + "\n" + section.text()));
        return words;
    }

    private boolean emptyRecord(DraftVersion version) {
        String content = store.drafts().draftVersion(version.id()).contentJson();
        return RecordJson.read(content, "").record().sections().stream().allMatch(section -> section.text().isBlank());
    }
}
