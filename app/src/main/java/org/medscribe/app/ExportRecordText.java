package org.medscribe.app;

import org.medscribe.record.RecordFile;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.draft.ui.RecordText;
import org.medscribe.export.PlainTextRecord;
import org.medscribe.export.RecordDocument;
import org.medscribe.review.Encounters;
import org.medscribe.review.ui.Signing;
import org.medscribe.review.ui.SigningViewModel;

/**
 * Copy-for-the-EMR through the export feature's plain-text layout, with the open encounter's
 * patient when there is one, labelled with what the record is: a signed record with its signer,
 * time, version (an amendment with its reason) and hash; an amendment being written as a draft
 * that leaves the signed version valid; anything else as a draft.
 */
final class ExportRecordText implements RecordText {

    /** Where the record on screen stands: the signing panel's status and its latest signed version. */
    record Standing(SigningViewModel.Status status, Signing.SignedRecord latest) {

        static final Standing UNSIGNED = new Standing(SigningViewModel.Status.UNSIGNED, null);
    }

    private final Supplier<Encounters.Item> openEncounter;
    private final Supplier<Standing> standing;

    ExportRecordText(Supplier<Encounters.Item> openEncounter, Supplier<Standing> standing) {
        this.openEncounter = openEncounter;
        this.standing = standing;
    }

    @Override
    public String format(RecordDrafting.Template template, List<SectionText> sections) {
        Encounters.Item encounter = openEncounter.get();
        RecordFile.Patient patient = encounter == null ? RecordFile.Patient.empty()
                : new RecordFile.Patient(encounter.patientName(), encounter.details().sex(),
                        encounter.details().birthDate(), encounter.details().age(),
                        encounter.recordNumber() == null || encounter.recordNumber().isBlank() ? null
                                : encounter.recordNumber());
        String date = (encounter == null ? LocalDate.now() : encounter.visitDay(java.time.ZoneId.systemDefault()))
                .toString();
        String visitType = encounter == null ? null : encounter.details().visitType();
        List<RecordDocument.Section> body = sections.stream()
                .map(section -> new RecordDocument.Section(section.id(), section.title(), section.text()))
                .toList();
        Standing now = encounter == null ? Standing.UNSIGNED : standing.get();
        RecordFile.Signature signature = now.latest() == null ? null : signature(now.latest());
        return switch (now.status()) {
            case SIGNED -> signature == null
                    ? PlainTextRecord.renderSignaturePending(document(template, patient, date, visitType, body,
                            RecordDocument.Status.SIGNED, null))
                    : PlainTextRecord.render(document(template, patient, date, visitType, body, RecordDocument.Status.SIGNED,
                            signature));
            case AMENDING -> signature == null
                    ? PlainTextRecord.render(document(template, patient, date, visitType, body, RecordDocument.Status.DRAFT, null))
                    : PlainTextRecord.renderAmendment(document(template, patient, date, visitType, body,
                            RecordDocument.Status.DRAFT, null), signature);
            case NO_ENCOUNTER, UNSIGNED ->
                    PlainTextRecord.render(document(template, patient, date, visitType, body, RecordDocument.Status.DRAFT, null));
        };
    }

    private static RecordDocument document(RecordDrafting.Template template, RecordFile.Patient patient, String date,
                                           String visitType, List<RecordDocument.Section> body,
                                           RecordDocument.Status status, RecordFile.Signature signature) {
        return new RecordDocument(template.id(), template.title(), template.language(), status, patient, date, body,
                signature, visitType);
    }

    /** The signature as the export prints it: the signer with their role, the time in this computer's offset. */
    private static RecordFile.Signature signature(Signing.SignedRecord signed) {
        String signer = signed.signerRole() == null || signed.signerRole().isBlank() ? signed.signer()
                : signed.signer() + " (" + signed.signerRole() + ")";
        return new RecordFile.Signature(signer, OffsetDateTime.ofInstant(signed.signedAt(), ZoneId.systemDefault())
                .toString(), signed.version(), signed.contentSha256(), signed.amendmentReason());
    }
}
