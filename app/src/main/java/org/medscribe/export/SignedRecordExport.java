package org.medscribe.export;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.record.KeptRecord;
import org.medscribe.record.RecordJson;
import org.medscribe.storage.Actor;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.OpenedEncounter;
import org.medscribe.storage.Patient;
import org.medscribe.storage.SignedRecord;

/**
 * An encounter's latest signed record as a document: the signed content, the patient, the date of
 * the encounter and the signature (signer and role, time in the signer's offset, version, content
 * hash), written in a format with the clinic's header. Blocking (database, file).
 */
public final class SignedRecordExport {

    private final EncounterStore store;
    private final RecordExporter exporter = new RecordExporter();

    public SignedRecordExport(EncounterStore store) {
        this.store = store;
    }

    /**
     * Writes the latest signed record of {@code encounterId} to {@code target}.
     *
     * @param reader who opens the encounter for it (kept in the audit log)
     * @throws MedScribeException BAD_INPUT {@code signing.error.exportUnsigned} when nothing is signed
     */
    public void export(String encounterId, Actor reader, ClinicHeader clinic, ExportFormat format, Path target) {
        List<SignedRecord> records = store.signedRecords().signedRecords(encounterId);
        if (records.isEmpty()) {
            throw new MedScribeException(Category.BAD_INPUT, "signing.error.exportUnsigned");
        }
        SignedRecord record = records.get(records.size() - 1);
        OpenedEncounter opened = store.encounters().openEncounter(encounterId, reader);
        Clinician signer = store.patients().clinicians().stream().filter(c -> c.id().equals(record.signerId())).findFirst()
                .orElse(null);
        exporter.export(document(record, opened, signer), clinic, format, target);
    }

    /** The signed record as the export lays it out; {@code signer} null when the store no longer knows them. */
    static RecordDocument document(SignedRecord record, OpenedEncounter opened, Clinician signer) {
        KeptRecord content = RecordJson.read(record.contentJson(), null).record();
        List<RecordDocument.Section> sections = content.sections().stream()
                .map(section -> new RecordDocument.Section(section.id(),
                        section.title() != null ? section.title() : section.id(), section.text()))
                .toList();
        String signedAt = OffsetDateTime.ofInstant(record.signedAt(), offsetOf(record.signedAtOffset())).toString();
        String signerName = signer == null ? record.signerId() : signer.role() == null || signer.role().isBlank()
                ? signer.displayName() : signer.displayName() + " (" + signer.role() + ")";
        Patient patient = opened.patient();
        return new RecordDocument(content.template(), null, content.language(), RecordDocument.Status.SIGNED,
                new RecordDocument.Patient(patient.name(), patient.sex(), patient.birthDate(), null,
                        patient.recordNumber()),
                opened.encounter() == null ? null
                        : LocalDate.ofInstant(opened.encounter().startedAt(), ZoneId.systemDefault()).toString(),
                sections, new RecordDocument.Signature(signerName, signedAt, record.recordVersion(),
                        record.contentSha256(), record.amendmentReason()));
    }

    private static ZoneOffset offsetOf(String text) {
        try {
            return text == null ? ZoneOffset.UTC : ZoneOffset.of(text);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
