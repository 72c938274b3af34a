package org.medscribe.storage;

import static org.medscribe.storage.StoreContext.blankToNull;
import static org.medscribe.storage.StoreContext.newId;
import static org.medscribe.storage.StoreContext.patientOf;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.medscribe.storage.StoreStatus.Health;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.crypto.BlindIndex;
import org.medscribe.storage.db.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encounters: creating, listing, searching and opening them (everything about one in one read). */
public final class Encounters {

    private static final Logger LOG = LoggerFactory.getLogger(Encounters.class);
    private final StoreContext context;
    private final Patients patients;
    private final Sources sources;
    private final Drafts drafts;
    private final Suggestions suggestions;
    private final Findings findings;
    private final SignedRecords signedRecords;

    Encounters(StoreContext context, Patients patients, Sources sources, Drafts drafts, Suggestions suggestions,
               Findings findings, SignedRecords signedRecords) {
        this.context = context;
        this.patients = patients;
        this.sources = sources;
        this.drafts = drafts;
        this.suggestions = suggestions;
        this.findings = findings;
        this.signedRecords = signedRecords;
    }

    public EncounterSummary createEncounter(String patientId, NewEncounter encounter, Actor actor) {
        String id = newId();
        String createdAt = context.now();
        Instant started = encounter.startedAt() == null ? context.clock.instant() : encounter.startedAt();
        context.writeAudited(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO encounters (id, patient_id, clinician_id, started_at, title, created_at, updated_at, status,
                                            visit_type, visit_date, patient_age)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, patientId);
                insert.setString(3, encounter.clinicianId());
                insert.setString(4, Timestamps.format(started));
                insert.setBytes(5, context.cipher.encrypt("encounters", "title", id, encounter.title()));
                insert.setString(6, createdAt);
                insert.setString(7, createdAt);
                insert.setString(8, encounter.visitType() == null ? null : encounter.visitType().name());
                insert.setString(9, encounter.visitDate() == null ? null : encounter.visitDate().toString());
                insert.setBytes(10, context.cipher.encrypt("encounters", "patient_age", id, blankToNull(encounter.patientAge())));
                insert.executeUpdate();
            }
            context.created(c, "encounters", id, actor, AuditAction.ENCOUNTER_CREATED, patientId, "encounter", "{}");
            return null;
        });
        Instant startedStored = Timestamps.parse(Timestamps.format(started));
        context.index.putEncounter(id, patientId, startedStored, encounter.title(), EncounterStatus.OPEN, encounter.visitType(),
                encounter.visitDate(), blankToNull(encounter.patientAge()));
        return context.index.summary(context.index.encounter(id));
    }

    /** The patient's encounters, newest first. */
    public List<EncounterSummary> encountersOf(String patientId) {
        context.requireKey();
        return context.read(c -> {
            List<EncounterSummary> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id FROM encounters WHERE patient_id = ? ORDER BY started_at DESC, id")) {
                select.setString(1, patientId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        SearchIndex.EncounterEntry entry = context.index.encounter(rs.getString(1));
                        if (entry != null) {
                            out.add(context.index.summary(entry));
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * Encounters matching {@code query}: the patient's name or the encounter's title contains it, or
     * it is a patient's record number (exact, through the blind index). Newest first.
     */
    public List<EncounterSummary> searchEncounters(String query, int limit) {
        BlindIndex blind = context.requireKey();
        String exactPatient = null;
        if (query != null && !query.isBlank() && !BlindIndex.normaliseRecordNumber(query).isEmpty()) {
            byte[] mrnIndex = blind.recordNumber(query);
            exactPatient = context.read(c -> {
                try (PreparedStatement find = c.prepareStatement("SELECT id FROM patients WHERE mrn_index = ?")) {
                    find.setBytes(1, mrnIndex);
                    try (ResultSet rs = find.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
        }
        return context.index.searchEncounters(query, exactPatient, limit);
    }

    /**
     * The {@code limit} most recent encounters (newest start first), for the worklist before the doctor
     * searches: an empty search finds nothing. Served from the in-memory index (no database read);
     * any thread.
     */
    public List<EncounterSummary> recentEncounters(int limit) {
        context.requireKey();
        return context.index.recentEncounters(limit);
    }

    /**
     * The encounter {@code clinicianId} opened last (the newest {@code ENCOUNTER_OPENED} audit row
     * of theirs whose encounter is still known), for reopening it when the app starts. Reads the
     * audit log from its end: no state of its own to keep.
     */
    public java.util.Optional<EncounterSummary> lastOpenedBy(String clinicianId) {
        context.requireKey();
        if (clinicianId == null) {
            return java.util.Optional.empty();
        }
        return context.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT object_id FROM audit_log WHERE action = ? "
                    + "AND actor_kind = ? AND actor_id = ? AND object_type = 'encounter' ORDER BY seq DESC LIMIT 20")) {
                select.setString(1, AuditAction.ENCOUNTER_OPENED.name());
                select.setString(2, Actor.Kind.CLINICIAN.name());
                select.setString(3, clinicianId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        SearchIndex.EncounterEntry entry = context.index.encounter(rs.getString(1));
                        if (entry != null) {
                            return java.util.Optional.of(context.index.summary(entry));
                        }
                    }
                }
            }
            return java.util.Optional.<EncounterSummary>empty();
        });
    }

    /**
     * Everything about one encounter in one consistent read. Records an {@code ENCOUNTER_OPENED} audit
     * row for {@code actor} in the background (the read does not wait for it).
     */
    public OpenedEncounter openEncounter(String encounterId, Actor actor) {
        context.requireKey();
        OpenedEncounter opened = context.read(c -> {
            SearchIndex.EncounterEntry entry = context.index.encounter(encounterId);
            String patientId = patientOf(c, encounterId);
            EncounterSummary summary = entry != null ? context.index.summary(entry) : null;
            Patient patient = patients.loadPatient(c, patientId);
            return new OpenedEncounter(summary, patient, sources.loadSources(c, encounterId), drafts.loadWorking(c, encounterId),
                    drafts.loadVersions(c, encounterId), suggestions.loadSuggestions(c, encounterId), findings.loadFindings(c, encounterId),
                    signedRecords.loadSigned(c, encounterId));
        });
        if (!context.database.isReadOnly() && context.status.health() == Health.OK) {
            context.database.schedule(() -> {
                try {
                    context.database.write(Durability.FULL, c -> {
                        context.append(c, actor, AuditAction.ENCOUNTER_OPENED, opened.patient().id(), "encounter", encounterId,
                                "{}");
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.warn("could not record an encounter view in the audit log: {}", e.getMessage());
                }
            }, 0);
        }
        return opened;
    }
}
