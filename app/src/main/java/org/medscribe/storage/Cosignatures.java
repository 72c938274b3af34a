package org.medscribe.storage;

import static org.medscribe.storage.StoreContext.newId;
import static org.medscribe.storage.StoreContext.patientOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.audit.AuditAction;

/**
 * Co-signatures (schema 5): the signer of an encounter's latest signed record asks for a supervising
 * clinician's co-signature; another clinician gives it. Rows are only added (triggers refuse changes);
 * while a request stands unanswered the encounter is {@link EncounterStatus#AWAITING_COSIGNATURE}.
 */
public final class Cosignatures {

    /** Where the co-signature of an encounter's latest signed record stands. */
    public record State(boolean requested, String requestedBy, String cosignedBy) {

        public static final State NONE = new State(false, null, null);

        public boolean awaiting() {
            return requested && cosignedBy == null;
        }
    }

    private final StoreContext context;
    private final SearchIndex index;
    private final SignedRecords signedRecords;

    Cosignatures(StoreContext context, SignedRecords signedRecords) {
        this.context = context;
        this.index = context.index;
        this.signedRecords = signedRecords;
    }

    /** Asks for a co-signature of the latest signed record; only its signer may ask, once. */
    public void request(String encounterId, String clinicianId) {
        context.requireWritable();
        SignedRecord latest = latest(encounterId);
        if (!latest.signerId().equals(clinicianId)) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.cosignNotSigner");
        }
        add(latest, "REQUESTED", clinicianId, AuditAction.COSIGNATURE_REQUESTED);
        index.setStatus(encounterId, EncounterStatus.AWAITING_COSIGNATURE);
    }

    /** Co-signs the latest signed record as a clinician other than its signer, when asked to. */
    public void cosign(String encounterId, String clinicianId) {
        context.requireWritable();
        SignedRecord latest = latest(encounterId);
        if (!state(encounterId).awaiting()) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.cosignNotRequested");
        }
        if (latest.signerId().equals(clinicianId)) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.cosignSelf");
        }
        add(latest, "COSIGNED", clinicianId, AuditAction.RECORD_COSIGNED);
        index.setStatus(encounterId, latest.recordVersion() == 1 ? EncounterStatus.SIGNED : EncounterStatus.AMENDED);
    }

    /** The co-signature of the encounter's latest signed record ({@link State#NONE} when nothing is signed). */
    public State state(String encounterId) {
        context.requireKey();
        return context.read(c -> {
            Optional<String> latest = latestId(c, encounterId);
            return latest.isEmpty() ? State.NONE : stateOf(c, latest.get());
        });
    }

    /** Encounters whose latest signed record awaits a co-signature (for the search index at open). */
    static List<String> awaiting(Connection c) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT s.encounter_id FROM cosignatures r JOIN signed_records s ON s.id = r.signed_record_id
                WHERE r.kind = 'REQUESTED'
                  AND NOT EXISTS (SELECT 1 FROM cosignatures d WHERE d.signed_record_id = r.signed_record_id
                                  AND d.kind = 'COSIGNED')
                  AND s.record_version = (SELECT max(record_version) FROM signed_records
                                          WHERE encounter_id = s.encounter_id)""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private SignedRecord latest(String encounterId) {
        List<SignedRecord> all = signedRecords.signedRecords(encounterId);
        if (all.isEmpty()) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.notSigned");
        }
        return all.get(all.size() - 1);
    }

    private static Optional<String> latestId(Connection c, String encounterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id FROM signed_records WHERE encounter_id = ? ORDER BY record_version DESC LIMIT 1")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static State stateOf(Connection c, String signedRecordId) throws SQLException {
        String requestedBy = null;
        String cosignedBy = null;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT kind, clinician_id FROM cosignatures WHERE signed_record_id = ?")) {
            select.setString(1, signedRecordId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if ("REQUESTED".equals(rs.getString(1))) {
                        requestedBy = rs.getString(2);
                    } else {
                        cosignedBy = rs.getString(2);
                    }
                }
            }
        }
        return new State(requestedBy != null, requestedBy, cosignedBy);
    }

    private void add(SignedRecord record, String kind, String clinicianId, AuditAction action) {
        context.writeAudited(c -> {
            if ("REQUESTED".equals(kind) && stateOf(c, record.id()).requested()) {
                throw new MedScribeException(Category.BAD_INPUT, "storage.error.cosignAlreadyRequested");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO cosignatures (id, signed_record_id, kind, clinician_id, at_utc) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, newId());
                insert.setString(2, record.id());
                insert.setString(3, kind);
                insert.setString(4, clinicianId);
                insert.setString(5, context.now());
                insert.executeUpdate();
            }
            context.append(c, Actor.clinician(clinicianId), action, patientOf(c, record.encounterId()), "signed_record",
                    record.id(), "{}");
            return null;
        });
    }
}
