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

    /**
     * Creates a patient (or finds them by record number, filling in the sex and date of birth they
     * were kept without) and a new encounter with the visit's details.
     */
    Item create(String patientName, String recordNumber, Details details);

    /** Creates a patient (or finds them by record number) and a new encounter for today, without details. */
    default Item create(String patientName, String recordNumber) {
        return create(patientName, recordNumber, Details.NONE);
    }

    /** The encounter this clinician opened last, to reopen when the app starts; empty when none. Blocking. */
    default java.util.Optional<Item> lastOpened() {
        return java.util.Optional.empty();
    }

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

    /**
     * One line of the worklist; {@code status} is where its record stands ({@link #STATUSES}).
     */
    record Item(String id, String patientName, String recordNumber, Instant startedAt, String status,
                Details details) {

        /** Every status an item can have: a draft, signed, amended, awaiting a co-signature. */
        public static final List<String> STATUSES = List.of("OPEN", "SIGNED", "AMENDED", "AWAITING_COSIGNATURE");

        public Item {
            details = details == null ? Details.NONE : details;
        }

        public Item(String id, String patientName, String recordNumber, Instant startedAt, String status) {
            this(id, patientName, recordNumber, startedAt, status, Details.NONE);
        }

        /** The day of the visit: the one the doctor gave, else the day the encounter started. */
        public java.time.LocalDate visitDay(java.time.ZoneId zone) {
            return details.visitDate() != null ? details.visitDate() : java.time.LocalDate.ofInstant(startedAt, zone);
        }
    }

    /**
     * What the new-encounter form asks besides the name and record number; any part may be null.
     *
     * @param sex       {@code F}, {@code M} or {@code X} (other), or as an older record kept it
     * @param birthDate ISO {@code yyyy-mm-dd} as the clinic writes it
     * @param age       the age in years the doctor gave when the date of birth is not known
     * @param visitType one of {@link #VISIT_TYPES}
     * @param visitDate the day of the visit
     */
    record Details(String sex, String birthDate, String age, String visitType, java.time.LocalDate visitDate) {

        public static final Details NONE = new Details(null, null, null, null, null);
        public static final List<String> SEXES = List.of("F", "M", "X");
        public static final List<String> VISIT_TYPES = List.of("FIRST", "FOLLOW_UP", "EMERGENCY");

        public Details {
            sex = blankToNull(sex);
            birthDate = blankToNull(birthDate);
            age = blankToNull(age);
            visitType = blankToNull(visitType);
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }

        /**
         * The age in whole years on {@code day}: from the date of birth when it is an ISO date, else
         * the age given; null when neither is known.
         */
        public Integer ageOn(java.time.LocalDate day) {
            if (birthDate != null) {
                try {
                    return java.time.Period.between(java.time.LocalDate.parse(birthDate), day).getYears();
                } catch (java.time.format.DateTimeParseException notIso) {
                    // a date of birth written another way: fall back to the age given
                }
            }
            if (age != null && age.chars().allMatch(Character::isDigit)) {
                return Integer.valueOf(age);
            }
            return null;
        }
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
