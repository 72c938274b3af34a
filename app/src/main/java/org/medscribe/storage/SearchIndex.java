package org.medscribe.storage;

import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medscribe.storage.crypto.FieldCipher;
import org.medscribe.storage.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decrypted names, record numbers and encounter titles held in memory after unlock, so a doctor
 * can search by name without the database ever holding a plaintext name. Built once at open, kept up
 * to date by the writer after each commit.
 *
 * <p>Thread-safe: updated from the writer thread, queried from any thread.
 */
final class SearchIndex {

    record PatientEntry(String id, String name, String recordNumber, String folded, String sex, String birthDate) {
    }

    /** An encounter with its visit details: kind, day and the age given (null where not given). */
    record EncounterEntry(String id, String patientId, Instant startedAt, String title, String folded,
                          EncounterStatus status, VisitType visitType, LocalDate visitDate, String patientAge) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    private final Map<String, PatientEntry> patients = new ConcurrentHashMap<>();
    private final Map<String, EncounterEntry> encounters = new ConcurrentHashMap<>();

    /**
     * Decrypts every name, record number and title into the index (at open); a row that does not decrypt (or
     * read) is left out and returned, so one garbled name does not keep the store from opening.
     */
    List<VerificationReport.Problem> load(Database database, FieldCipher cipher) {
        List<VerificationReport.Problem> unreadable = new ArrayList<>();
        database.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, mrn, sex, birth_date FROM patients")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    try {
                        putPatient(id, cipher.decrypt("patients", "name", id, rs.getBytes(2)),
                                cipher.decrypt("patients", "mrn", id, rs.getBytes(3)),
                                cipher.decrypt("patients", "sex", id, rs.getBytes(4)),
                                cipher.decrypt("patients", "birth_date", id, rs.getBytes(5)));
                    } catch (RuntimeException damaged) {
                        unreadable.add(new VerificationReport.Problem("storage.verify.fieldUnreadable", "patients", id));
                    }
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, patient_id, started_at, title, status, visit_type, "
                         + "visit_date, patient_age FROM encounters")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    try {
                        putEncounter(id, rs.getString(2), Timestamps.parse(rs.getString(3)),
                                cipher.decrypt("encounters", "title", id, rs.getBytes(4)),
                                EncounterStatus.valueOf(rs.getString(5)),
                                rs.getString(6) == null ? null : VisitType.valueOf(rs.getString(6)),
                                rs.getString(7) == null ? null : LocalDate.parse(rs.getString(7)),
                                cipher.decrypt("encounters", "patient_age", id, rs.getBytes(8)));
                    } catch (RuntimeException damaged) {
                        unreadable.add(new VerificationReport.Problem("storage.verify.fieldUnreadable", "encounters", id));
                    }
                }
            }
            for (String awaiting : Cosignatures.awaiting(c)) {
                setStatus(awaiting, EncounterStatus.AWAITING_COSIGNATURE);
            }
            return null;
        });
        LOG.info("search index loaded: {} patients, {} encounters", patientCount(), encounterCount());
        return unreadable;
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    }

    void putPatient(String id, String name, String recordNumber, String sex, String birthDate) {
        patients.put(id, new PatientEntry(id, name, recordNumber, fold(name), sex, birthDate));
    }

    void putEncounter(String id, String patientId, Instant startedAt, String title, EncounterStatus status,
                      VisitType visitType, LocalDate visitDate, String patientAge) {
        encounters.put(id, new EncounterEntry(id, patientId, startedAt, title, fold(title), status, visitType,
                visitDate, patientAge));
    }

    void setStatus(String encounterId, EncounterStatus status) {
        encounters.computeIfPresent(encounterId, (id, e) -> new EncounterEntry(e.id(), e.patientId(), e.startedAt(),
                e.title(), e.folded(), status, e.visitType(), e.visitDate(), e.patientAge()));
    }

    PatientEntry patient(String id) {
        return patients.get(id);
    }

    int patientCount() {
        return patients.size();
    }

    int encounterCount() {
        return encounters.size();
    }

    List<PatientEntry> searchPatients(String query, int limit) {
        String folded = fold(query);
        if (folded.isEmpty()) {
            return List.of();
        }
        return patients.values().stream()
                .filter(p -> p.folded().contains(folded))
                .sorted(Comparator.comparing(PatientEntry::folded).thenComparing(PatientEntry::id))
                .limit(limit)
                .toList();
    }

    /**
     * Encounters whose patient's name or whose title contains {@code query}, plus those of
     * {@code exactPatientId} (a record-number hit through the blind index), newest first.
     */
    List<EncounterSummary> searchEncounters(String query, String exactPatientId, int limit) {
        String folded = fold(query);
        if (folded.isEmpty() && exactPatientId == null) {
            return List.of();
        }
        // Match the (fewer) patients once, then test each encounter by set membership.
        java.util.Set<String> patientHits = new java.util.HashSet<>();
        if (exactPatientId != null) {
            patientHits.add(exactPatientId);
        }
        if (!folded.isEmpty()) {
            for (PatientEntry patient : patients.values()) {
                if (patient.folded().contains(folded)) {
                    patientHits.add(patient.id());
                }
            }
        }
        List<EncounterEntry> hits = new ArrayList<>();
        for (EncounterEntry encounter : encounters.values()) {
            if (patientHits.contains(encounter.patientId())
                    || (!folded.isEmpty() && encounter.folded().contains(folded))) {
                hits.add(encounter);
            }
        }
        hits.sort(Comparator.comparing(EncounterEntry::startedAt).reversed().thenComparing(EncounterEntry::id));
        return hits.stream().limit(limit).map(this::summary).toList();
    }

    /** The {@code limit} newest encounters (by start), newest first: the worklist before any search. */
    List<EncounterSummary> recentEncounters(int limit) {
        return encounters.values().stream()
                .sorted(Comparator.comparing(EncounterEntry::startedAt).reversed().thenComparing(EncounterEntry::id))
                .limit(Math.max(0, limit))
                .map(this::summary)
                .toList();
    }

    EncounterSummary summary(EncounterEntry encounter) {
        PatientEntry patient = patients.get(encounter.patientId());
        return new EncounterSummary(encounter.id(), encounter.patientId(), patient == null ? null : patient.name(),
                patient == null ? null : patient.recordNumber(), encounter.startedAt(), encounter.title(),
                encounter.status(), patient == null ? null : patient.sex(), patient == null ? null : patient.birthDate(),
                encounter.visitType(), encounter.visitDate(), encounter.patientAge());
    }

    EncounterEntry encounter(String id) {
        return encounters.get(id);
    }
}
