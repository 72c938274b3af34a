package org.medscribe.storage;

import org.medscribe.record.Severity;
import static org.medscribe.storage.StoreContext.encounterOfRow;
import static org.medscribe.storage.StoreContext.patientOf;
import static org.medscribe.storage.StoreContext.requireText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.medscribe.storage.audit.AuditAction;

/** Quality findings on a draft and how the clinician resolved or overrode them. */
public final class Findings {

    private final StoreContext context;

    Findings(StoreContext context) {
        this.context = context;
    }

    public List<QualityFinding> recordFindings(String encounterId, String draftVersionId, List<NewFinding> findings) {
        return context.insertAll(encounterId, findings, "quality_findings", Actor.system(),
                AuditAction.FINDINGS_RECORDED, (c, id, finding, createdAt) -> {
                    String content = CanonicalJson.canonicalise(finding.contentJson());
                    try (PreparedStatement insert = c.prepareStatement("""
                            INSERT INTO quality_findings (id, encounter_id, draft_version_id, rule_id, severity,
                                                          section_id, content, status, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""")) {
                        insert.setString(1, id);
                        insert.setString(2, encounterId);
                        insert.setString(3, draftVersionId);
                        insert.setString(4, finding.ruleId());
                        insert.setString(5, finding.severity().name());
                        insert.setString(6, finding.sectionId());
                        insert.setBytes(7, context.cipher.encrypt("quality_findings", "content", id, content));
                        insert.setString(8, createdAt);
                        insert.setString(9, createdAt);
                        insert.executeUpdate();
                    }
                    return new QualityFinding(id, encounterId, draftVersionId, finding.ruleId(), finding.severity(),
                            finding.sectionId(), content, FindingStatus.OPEN, null, null, Timestamps.parse(createdAt),
                            Timestamps.parse(createdAt));
                });
    }

    public void resolveFinding(String findingId, String clinicianId) {
        decideFinding(findingId, clinicianId, FindingStatus.RESOLVED, null);
    }

    /** Overrides a finding (e.g. a critical one blocking signing); the reason is required and kept. */
    public void overrideFinding(String findingId, String clinicianId, String reason) {
        requireText(reason, "storage.error.reasonRequired");
        decideFinding(findingId, clinicianId, FindingStatus.OVERRIDDEN, reason.strip());
    }

    private void decideFinding(String findingId, String clinicianId, FindingStatus status, String reason) {
        context.writeAudited(c -> {
            String encounterId = encounterOfRow(c, "quality_findings", findingId, "finding");
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE quality_findings SET status = ?, override_reason = ?, decided_by = ?, updated_at = ?
                    WHERE id = ?""")) {
                update.setString(1, status.name());
                update.setBytes(2, context.cipher.encrypt("quality_findings", "override_reason", findingId, reason));
                update.setString(3, clinicianId);
                update.setString(4, context.now());
                update.setString(5, findingId);
                update.executeUpdate();
            }
            // The audit row carries the row's new MAC, so putting back an earlier state of the row is found.
            String rowMac = context.seal(c, "quality_findings", findingId);
            context.append(c, Actor.clinician(clinicianId),
                    status == FindingStatus.RESOLVED ? AuditAction.FINDING_RESOLVED : AuditAction.FINDING_OVERRIDDEN,
                    patientOf(c, encounterId), "finding", findingId, "{\"row_mac\":\"" + rowMac + "\"}");
            return null;
        });
    }

    public List<QualityFinding> findings(String encounterId) {
        return context.read(c -> loadFindings(c, encounterId));
    }

    List<QualityFinding> loadFindings(Connection c, String encounterId) throws SQLException {
        return StoreContext.list(c, """
                SELECT id, draft_version_id, rule_id, severity, section_id, content, status, override_reason,
                       decided_by, created_at, updated_at
                FROM quality_findings WHERE encounter_id = ? ORDER BY created_at, rowid""", encounterId, rs -> {
            String id = rs.getString(1);
            return new QualityFinding(id, encounterId, rs.getString(2), rs.getString(3),
                    Severity.valueOf(rs.getString(4)), rs.getString(5),
                    context.cipher.decrypt("quality_findings", "content", id, rs.getBytes(6)),
                    FindingStatus.valueOf(rs.getString(7)),
                    context.cipher.decrypt("quality_findings", "override_reason", id, rs.getBytes(8)),
                    rs.getString(9), Timestamps.parse(rs.getString(10)), Timestamps.parse(rs.getString(11)));
        });
    }
}
