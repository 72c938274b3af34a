package org.medscribe.storage;

import static org.medscribe.storage.StoreContext.blankToNull;
import static org.medscribe.storage.StoreContext.newId;
import static org.medscribe.storage.StoreContext.requireText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.crypto.BlindIndex;
import org.medscribe.storage.crypto.FieldCipher;

/** Clinicians and patients: who writes, and whose record it is. */
public final class Patients {

    private final StoreContext context;
    private final FieldCipher cipher;
    private final BlindIndex blindIndex;
    private final SearchIndex index;

    Patients(StoreContext context) {
        this.context = context;
        this.cipher = context.cipher;
        this.blindIndex = context.blindIndex;
        this.index = context.index;
    }

    public Clinician addClinician(String displayName, String role) {
        requireText(displayName, "storage.error.nameRequired");
        String id = newId();
        context.writeAudited(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO clinicians (id, display_name, role, active, created_at) VALUES (?, ?, ?, 1, ?)")) {
                insert.setString(1, id);
                insert.setString(2, displayName.strip());
                insert.setString(3, role);
                insert.setString(4, context.now());
                insert.executeUpdate();
            }
            context.created(c, "clinicians", id, Actor.system(), AuditAction.CLINICIAN_ADDED, null, "clinician", "{}");
            return null;
        });
        return new Clinician(id, displayName.strip(), role, true);
    }

    public List<Clinician> clinicians() {
        return context.read(c -> {
            List<Clinician> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, display_name, role, active FROM clinicians ORDER BY created_at")) {
                while (rs.next()) {
                    out.add(new Clinician(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1));
                }
            }
            return out;
        });
    }

    /** Adds a patient; a record number already in use is {@code storage.error.duplicateRecordNumber}. */
    public Patient createPatient(NewPatient patient, Actor actor) {
        requireText(patient.name(), "storage.error.nameRequired");
        String id = newId();
        String createdAt = context.now();
        String mrn = patient.recordNumber() == null || patient.recordNumber().isBlank() ? null
                : patient.recordNumber().strip();
        context.writeAudited(c -> {
            byte[] mrnIndex = mrn == null ? null : blindIndex.recordNumber(mrn);
            if (mrnIndex != null) {
                try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM patients WHERE mrn_index = ?")) {
                    find.setBytes(1, mrnIndex);
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            throw new MedScribeException(Category.BAD_INPUT, "storage.error.duplicateRecordNumber");
                        }
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO patients (id, mrn_index, mrn, name, birth_date, sex, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setBytes(2, mrnIndex);
                insert.setBytes(3, cipher.encrypt("patients", "mrn", id, mrn));
                insert.setBytes(4, cipher.encrypt("patients", "name", id, patient.name().strip()));
                insert.setBytes(5, cipher.encrypt("patients", "birth_date", id, patient.birthDate()));
                insert.setBytes(6, cipher.encrypt("patients", "sex", id, patient.sex()));
                insert.setString(7, createdAt);
                insert.setString(8, createdAt);
                insert.executeUpdate();
            }
            context.created(c, "patients", id, actor, AuditAction.PATIENT_CREATED, id, "patient", "{}");
            return null;
        });
        index.putPatient(id, patient.name().strip(), mrn, patient.sex(), patient.birthDate());
        return new Patient(id, patient.name().strip(), mrn, patient.birthDate(), patient.sex(),
                Timestamps.parse(createdAt));
    }

    /**
     * Fills in the sex and date of birth of a patient kept without them (a returning patient first
     * seen before the form asked); what is already kept is never overwritten. Returns the patient
     * as now kept.
     */
    public Patient completePatient(String patientId, String sex, String birthDate, Actor actor) {
        String newSex = blankToNull(sex);
        String newBirth = blankToNull(birthDate);
        Patient before = patient(patientId);
        boolean fillSex = newSex != null && blankToNull(before.sex()) == null;
        boolean fillBirth = newBirth != null && blankToNull(before.birthDate()) == null;
        if (!fillSex && !fillBirth) {
            return before;
        }
        String kept = fillSex ? newSex : before.sex();
        String born = fillBirth ? newBirth : before.birthDate();
        context.writeAudited(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE patients SET sex = ?, birth_date = ?, updated_at = ? WHERE id = ?")) {
                update.setBytes(1, cipher.encrypt("patients", "sex", patientId, kept));
                update.setBytes(2, cipher.encrypt("patients", "birth_date", patientId, born));
                update.setString(3, context.now());
                update.setString(4, patientId);
                update.executeUpdate();
            }
            context.seal(c, "patients", patientId);
            context.append(c, actor, AuditAction.PATIENT_UPDATED, patientId, "patient", patientId, "{}");
            return null;
        });
        index.putPatient(patientId, before.name(), before.recordNumber(), kept, born);
        return new Patient(patientId, before.name(), before.recordNumber(), born, kept, before.createdAt());
    }

    /** Exact lookup by medical record number through the blind index (spacing, case and dashes ignored). */
    public Optional<Patient> findPatientByRecordNumber(String recordNumber) {
        if (recordNumber == null || recordNumber.isBlank()) {
            return Optional.empty();
        }
        byte[] mrnIndex = context.requireKey().recordNumber(recordNumber);
        return context.read(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT id FROM patients WHERE mrn_index = ?")) {
                find.setBytes(1, mrnIndex);
                try (ResultSet rs = find.executeQuery()) {
                    return rs.next() ? Optional.of(loadPatient(c, rs.getString(1))) : Optional.<Patient>empty();
                }
            }
        });
    }

    public Patient patient(String patientId) {
        return context.read(c -> loadPatient(c, patientId));
    }

    /** Patients whose name contains {@code query} (case- and width-insensitive), searched in memory. */
    public List<Patient> searchPatients(String query, int limit) {
        context.requireKey();
        List<SearchIndex.PatientEntry> hits = index.searchPatients(query, limit);
        return context.read(c -> {
            List<Patient> out = new ArrayList<>();
            for (SearchIndex.PatientEntry hit : hits) {
                out.add(loadPatient(c, hit.id()));
            }
            return out;
        });
    }

    Patient loadPatient(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT mrn, name, birth_date, sex, created_at FROM patients WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", "patient");
                }
                return new Patient(id, cipher.decrypt("patients", "name", id, rs.getBytes(2)),
                        cipher.decrypt("patients", "mrn", id, rs.getBytes(1)),
                        cipher.decrypt("patients", "birth_date", id, rs.getBytes(3)),
                        cipher.decrypt("patients", "sex", id, rs.getBytes(4)), Timestamps.parse(rs.getString(5)));
            }
        }
    }
}
