package org.medscribe.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the tables to what the (chained, MACed) audit log says happened: every signed record and
 * amendment it records is there with the seal it recorded, and every signed record has its audit row;
 * every draft version, patient, encounter, source and clinician it records as created is still there;
 * no fewer findings, suggestions and decisions than it counted; each finding's status is the latest
 * decision it records, with the row MAC recorded then (so an earlier state put back is found); an
 * encounter's status follows its signed records. Rows the audit never mentions (data from before a
 * table was audited) are not held to it.
 */
final class AuditCrossCheck {

    private record Decision(String status, String rowMac) {
    }

    private final Connection connection;
    private final int schemaVersion;
    private final Map<String, String> signed = new HashMap<>();
    private final Set<String> versions = new HashSet<>();
    private final Map<String, Set<String>> created = new LinkedHashMap<>();
    private final Map<String, Decision> decisions = new HashMap<>();
    private final Map<String, Long> findingCounts = new HashMap<>();
    private final Map<String, Long> suggestionCounts = new HashMap<>();
    private final Map<String, Long> decisionCounts = new HashMap<>();

    AuditCrossCheck(Connection connection, int schemaVersion) {
        this.connection = connection;
        this.schemaVersion = schemaVersion;
        for (String table : List.of("patients", "encounters", "sources", "clinicians")) {
            created.put(table, new HashSet<>());
        }
    }

    /**
     * Adds what is wrong to {@code problems}; {@code seals} are the signed records found (id to stored
     * seal hash), {@code versionIds} the draft versions found.
     */
    void verify(Map<String, String> seals, Set<String> versionIds, List<VerificationReport.Problem> problems)
            throws SQLException {
        readAudit();
        signed.forEach((id, seal) -> {
            if (!seals.containsKey(id)) {
                problems.add(new VerificationReport.Problem("storage.verify.signedRecordMissing", "signed_records", id));
            } else if (seal != null && !seal.equals(seals.get(id))) {
                problems.add(new VerificationReport.Problem("storage.verify.signedSealBroken", "signed_records", id));
            }
        });
        for (String id : seals.keySet()) {
            if (!signed.containsKey(id)) {
                problems.add(new VerificationReport.Problem("storage.verify.signedUnaudited", "signed_records", id));
            }
        }
        for (String id : versions) {
            if (!versionIds.contains(id)) {
                problems.add(new VerificationReport.Problem("storage.verify.versionMissing", "draft_versions", id));
            }
        }
        for (Map.Entry<String, Set<String>> table : created.entrySet()) {
            Set<String> present = ids("SELECT id FROM " + table.getKey());
            for (String id : table.getValue()) {
                if (!present.contains(id)) {
                    problems.add(new VerificationReport.Problem("storage.verify.rowMissing", table.getKey(), id));
                }
            }
        }
        if (schemaVersion >= 2) {
            verifyFindings(problems);
            verifyCounts("SELECT encounter_id, count(*) FROM suggestions GROUP BY encounter_id", suggestionCounts,
                    "suggestions", "encounter_id", problems);
            verifyCounts("SELECT suggestion_id, count(*) FROM suggestion_decisions GROUP BY suggestion_id",
                    decisionCounts, "suggestion_decisions", "suggestion_id", problems);
        }
        if (schemaVersion >= 3) {
            verifyEncounterStatus(problems);
        }
    }

    private void readAudit() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT action, object_id, detail FROM audit_log
                     WHERE outcome = 'SUCCESS' AND action IN ('RECORD_SIGNED', 'RECORD_AMENDED', 'DRAFT_GENERATED',
                         'DRAFT_EDITED', 'PATIENT_CREATED', 'ENCOUNTER_CREATED', 'SOURCE_ADDED', 'CLINICIAN_ADDED',
                         'FINDING_RESOLVED', 'FINDING_OVERRIDDEN', 'FINDINGS_RECORDED', 'SUGGESTIONS_ADDED',
                         'SUGGESTION_DECIDED')
                     ORDER BY seq""")) {
            while (rs.next()) {
                String id = rs.getString(2);
                JsonNode detail = detail(rs.getString(3));
                switch (rs.getString(1)) {
                    case "RECORD_SIGNED", "RECORD_AMENDED" -> signed.put(id, detail.path("seal_hash").asText(null));
                    case "DRAFT_GENERATED", "DRAFT_EDITED" -> versions.add(id);
                    case "PATIENT_CREATED" -> created.get("patients").add(id);
                    case "ENCOUNTER_CREATED" -> created.get("encounters").add(id);
                    case "SOURCE_ADDED" -> created.get("sources").add(id);
                    case "CLINICIAN_ADDED" -> created.get("clinicians").add(id);
                    case "FINDING_RESOLVED" -> decisions.put(id, new Decision("RESOLVED", detail.path("row_mac").asText(null)));
                    case "FINDING_OVERRIDDEN" -> decisions.put(id,
                            new Decision("OVERRIDDEN", detail.path("row_mac").asText(null)));
                    case "FINDINGS_RECORDED" -> findingCounts.merge(id, detail.path("count").asLong(), Long::sum);
                    case "SUGGESTIONS_ADDED" -> suggestionCounts.merge(id, detail.path("count").asLong(), Long::sum);
                    case "SUGGESTION_DECIDED" -> decisionCounts.merge(id, 1L, Long::sum);
                    default -> throw new IllegalStateException("unexpected audit action");
                }
            }
        }
    }

    private void verifyFindings(List<VerificationReport.Problem> problems) throws SQLException {
        Map<String, Long> perEncounter = new HashMap<>();
        Set<String> present = new HashSet<>();
        String rowMac = schemaVersion >= RowSeals.SINCE_SCHEMA ? "row_mac" : "NULL";
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, encounter_id, status, " + rowMac + " FROM quality_findings")) {
            while (rs.next()) {
                String id = rs.getString(1);
                present.add(id);
                perEncounter.merge(rs.getString(2), 1L, Long::sum);
                Decision decision = decisions.get(id);
                boolean matches = decision == null ? "OPEN".equals(rs.getString(3))
                        : decision.status().equals(rs.getString(3))
                                && (decision.rowMac() == null || decision.rowMac().equals(rs.getString(4)));
                if (!matches) {
                    problems.add(new VerificationReport.Problem("storage.verify.findingDecisionChanged",
                            "quality_findings", id));
                }
            }
        }
        for (String id : decisions.keySet()) {
            if (!present.contains(id)) {
                problems.add(new VerificationReport.Problem("storage.verify.rowMissing", "quality_findings", id));
            }
        }
        findingCounts.forEach((encounterId, count) -> {
            if (perEncounter.getOrDefault(encounterId, 0L) < count) {
                problems.add(new VerificationReport.Problem("storage.verify.rowMissing", "quality_findings",
                        encounterId, "encounter_id"));
            }
        });
    }

    /** Fewer rows per owner than the audit counted: some were deleted. */
    private void verifyCounts(String query, Map<String, Long> audited, String table, String ownerColumn,
                              List<VerificationReport.Problem> problems) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                found.put(rs.getString(1), rs.getLong(2));
            }
        }
        audited.forEach((owner, count) -> {
            if (found.getOrDefault(owner, 0L) < count) {
                problems.add(new VerificationReport.Problem("storage.verify.rowMissing", table, owner, ownerColumn));
            }
        });
    }

    private void verifyEncounterStatus(List<VerificationReport.Problem> problems) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT e.id, e.status, (SELECT count(*) FROM signed_records s WHERE s.encounter_id = e.id)
                     FROM encounters e""")) {
            while (rs.next()) {
                long records = rs.getLong(3);
                String expected = records == 0 ? "OPEN" : records == 1 ? "SIGNED" : "AMENDED";
                if (!expected.equals(rs.getString(2))) {
                    problems.add(new VerificationReport.Problem("storage.verify.encounterStatusChanged", "encounters",
                            rs.getString(1), "status"));
                }
            }
        }
    }

    private Set<String> ids(String query) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** An audit row's detail; one that does not parse holds nothing to compare (its MAC vouches for it). */
    private static JsonNode detail(String json) {
        try {
            return StoreContext.MAPPER.readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException unreadable) {
            return StoreContext.MAPPER.createObjectNode();
        }
    }
}
