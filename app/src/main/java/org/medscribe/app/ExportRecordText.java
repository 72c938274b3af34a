package org.medscribe.app;

import org.medscribe.record.RecordFile;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.medscribe.draft.ui.RecordDrafting;
import org.medscribe.draft.ui.RecordText;
import org.medscribe.export.PlainTextRecord;
import org.medscribe.export.RecordDocument;
import org.medscribe.review.Encounters;

/**
 * Copy-for-the-EMR through the export feature's plain-text layout, as a draft (a record is signed
 * elsewhere), with the open encounter's patient when there is one.
 */
final class ExportRecordText implements RecordText {

    private final Supplier<Encounters.Item> openEncounter;

    ExportRecordText(Supplier<Encounters.Item> openEncounter) {
        this.openEncounter = openEncounter;
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
        List<RecordDocument.Section> body = sections.stream()
                .map(section -> new RecordDocument.Section(section.id(), section.title(), section.text()))
                .toList();
        return PlainTextRecord.render(new RecordDocument(template.id(), template.title(), template.language(),
                RecordDocument.Status.DRAFT, patient, date, body, null,
                encounter == null ? null : encounter.details().visitType()));
    }
}
