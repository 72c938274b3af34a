package org.medscribe.review.ui;

import java.time.Instant;
import java.util.List;

/**
 * Patients and their encounters as the worklist needs them. The composition root adapts the
 * encounter store to it. Blocking (database): call on the io executor. Texts are patient data:
 * never log them.
 */
public interface Encounters {

    /** Encounters whose patient name, record number or title match {@code query} (all when blank), newest first. */
    List<Item> search(String query);

    /** Creates a patient (or finds them by record number) and a new encounter for today. */
    Item create(String patientName, String recordNumber);

    /** Everything saved with the encounter. */
    Content open(String encounterId);

    /** Saves the encounter's current sources and record (a new version in the store). */
    void save(String encounterId, Content content);

    /** One line of the worklist. */
    record Item(String id, String patientName, String recordNumber, Instant startedAt, String status) {
    }

    /** An imported document kept with the encounter. */
    record Document(String id, String label, String text, int pageCount) {
    }

    /** A saved section of the record. */
    record Section(String id, String text, boolean editedByDoctor, boolean notDocumented) {
    }

    /** What is saved with an encounter. */
    record Content(String note, List<Document> documents, String templateId, List<Section> sections) {

        public static Content empty(String templateId) {
            return new Content("", List.of(), templateId, List.of());
        }
    }
}
