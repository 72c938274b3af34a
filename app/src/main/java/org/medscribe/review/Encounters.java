package org.medscribe.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.medscribe.capture.DocumentProvenance;
import org.medscribe.record.KeptRecord;
import org.medscribe.record.RecordSection;
import org.medscribe.common.MedScribeException;

/**
 * Patients and their encounters as the worklist needs them. The composition root adapts the
 * encounter store to it. Blocking (database): call on the io executor, except {@link #autosave},
 * which never blocks. Texts are patient data: never log them.
 */
public interface Encounters {

    /**
     * Encounters whose patient name, record number or title match {@code query}, newest first; the
     * most recent encounters when {@code query} is blank (the worklist on start).
     */
    List<Item> search(String query);

    /** Creates a patient (or finds them by record number) and a new encounter for today. */
    Item create(String patientName, String recordNumber);

    /** Everything saved with the encounter. */
    Content open(String encounterId);

    /**
     * Saves the encounter's current sources and record now (a save point: the note becomes a source).
     * A document not kept yet is kept under an id the store gives it, and the record's evidence on
     * the document's provisional id follows it there.
     */
    void save(String encounterId, Content content);

    /**
     * Keeps an imported document with the encounter at once and returns it under the id the store
     * gave it (what the sources column and the record's evidence use from then on). Blocking.
     */
    default Document keepDocument(String encounterId, Document document) {
        return document;
    }

    /**
     * Keeps the doctor's current work within seconds without blocking (safe on the FX thread, on
     * every keystroke); {@link AutosaveEvents} hear when it is on disk. Returns the edit's revision.
     */
    default long autosave(String encounterId, Content content) {
        save(encounterId, content);
        return 0;
    }

    /** Writes every pending autosave now (on close). Blocking. */
    default void flush() {
    }

    /** Hears how autosaves end; called on a background thread. */
    default void listen(AutosaveEvents events) {
    }

    /**
     * Called before a generation starts (on the thread that runs it): the note the model is about to
     * read is kept as a source and the doctor's pending edits as a version, so nothing can be lost.
     */
    default void beforeGeneration(String encounterId, String note) {
    }

    /** Keeps a generated draft as a version with how it was made (on the generating thread). */
    default void keepGeneration(String encounterId, Content generated, Generation how) {
    }

    /**
     * Keeps suggested diagnoses with the encounter, each as JSON, with how they were made; returns
     * their ids in order (empty where suggestions are not stored). Blocking.
     */
    default List<String> keepSuggestions(String encounterId, List<String> diagnosesJson, String provenanceJson) {
        return List.of();
    }

    /** The doctor's decision on a kept suggestion: kept or discarded (a later one supersedes). Blocking. */
    default void decideSuggestion(String suggestionId, boolean kept) {
    }

    /** Keeps the doctor's answer to a follow-up question with the encounter. Blocking. */
    default void keepAnswer(String encounterId, String question, String answer) {
    }

    /** The follow-up answers kept with the encounter, oldest first, as question → answer pairs. Blocking. */
    default List<Map.Entry<String, String>> answers(String encounterId) {
        return List.of();
    }

    /** How autosaves end. */
    interface AutosaveEvents {
        /** Every edit up to {@code revision} of the encounter is on disk. */
        void saved(String encounterId, long revision);

        /** The edit is kept in memory and retried; {@code failure} says why it failed (disk full…). */
        void failed(String encounterId, long revision, MedScribeException failure);
    }

    /** One line of the worklist. */
    record Item(String id, String patientName, String recordNumber, Instant startedAt, String status) {
    }

    /**
     * An imported document kept with the encounter, with where its text came from (file hash, media
     * type, each page's characters of {@code text}).
     */
    record Document(String id, String label, String text, int pageCount, DocumentProvenance provenance) {

        public Document {
            provenance = provenance == null ? DocumentProvenance.UNKNOWN : provenance;
        }
    }

    /** What is saved with an encounter; {@code language} is the record's ({@code en}, {@code zh}). */
    record Content(String note, List<Document> documents, String templateId, String language,
                   List<RecordSection> sections) {

        public static Content empty(String templateId) {
            return new Content("", List.of(), templateId, null, List.of());
        }

        /** The record itself, without its sources. */
        public KeptRecord record() {
            return new KeptRecord(templateId, language, sections);
        }
    }

    /**
     * How a generated draft was made (JSON without patient text).
     *
     * @param partial the generation was stopped before the end
     */
    record Generation(String templateVersion, String modelJson, String parametersJson, String timingsJson,
                      boolean partial) {
    }
}
