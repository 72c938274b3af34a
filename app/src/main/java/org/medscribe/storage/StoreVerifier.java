package org.medscribe.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.audit.AuditAnchor;
import org.medscribe.storage.audit.AuditChainReport;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.FieldCipher;
import org.medscribe.storage.db.Schema;

/**
 * Checks a database end to end: {@code PRAGMA integrity_check}, the protective triggers (present, by
 * their SQL, and no others), the audit chain and, for the live store, its anchor; every signed record
 * (content decrypts, its SHA-256 and seal match, amendments chain) and every draft version's content
 * hash; then {@link RowChecks} (every encrypted field, row MACs, foreign keys) and
 * {@link AuditCrossCheck} (what the audit says was created or decided is there, as it was). Reports,
 * never repairs: a row that cannot even be read is a problem, not an exception.
 */
final class StoreVerifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DataKey key;
    private final FieldCipher cipher;
    private final AuditLog audit;

    StoreVerifier(DataKey key, FieldCipher cipher, AuditLog audit) {
        this.key = key;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** Verifies a database without its anchor (a backup, or a copy being made). */
    VerificationReport verify(Connection connection, CancellationToken cancel, ProgressListener progress)
            throws SQLException {
        return verify(connection, cancel, progress, null);
    }

    /**
     * Verifies the database behind {@code connection}; {@code anchor} (the live store's, read before
     * the database) is checked against the audit chain when given.
     */
    VerificationReport verify(Connection connection, CancellationToken cancel, ProgressListener progress,
                              AuditAnchor.Snapshot anchor) throws SQLException {
        // One read transaction: the audit and the tables it is held to are read at the same moment,
        // so a record signed while verify runs (the app may be open) is never half-seen. A savepoint
        // starts one, or nests in the caller's.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SAVEPOINT verify");
        }
        try {
            return check(connection, cancel, progress, anchor);
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("RELEASE verify");
            }
        }
    }

    private VerificationReport check(Connection connection, CancellationToken cancel, ProgressListener progress,
                                     AuditAnchor.Snapshot anchor) throws SQLException {
        progress.progress("storage.phase.integrity", 0.0);
        List<String> integrity = integrityCheck(connection, "integrity_check");
        boolean integrityOk = integrity.size() == 1 && "ok".equals(integrity.get(0));
        cancel.throwIfCancelled();
        List<VerificationReport.Problem> problems = new ArrayList<>();
        int version = Schema.userVersion(connection);
        verifyTriggers(connection, version, problems);
        progress.progress("storage.phase.auditChain", 0.3);
        AuditChainReport chain = audit.verify(connection, cancel);
        if (anchor != null) {
            List<AuditChainReport.Problem> auditProblems = new ArrayList<>(chain.problems());
            auditProblems.addAll(AuditAnchor.check(connection, anchor));
            chain = new AuditChainReport(chain.rows(), chain.headSeq(), chain.headHash(), List.copyOf(auditProblems));
        }
        progress.progress("storage.phase.signedRecords", 0.5);
        Map<String, String> seals = new HashMap<>();
        long signed = version >= 3 ? verifySignedRecords(connection, problems, seals, cancel) : 0;
        Set<String> versionIds = new HashSet<>();
        long versions = verifyDraftVersions(connection, problems, versionIds, cancel);
        progress.progress("storage.phase.fields", 0.7);
        RowChecks.verify(connection, key, cipher, version, problems, cancel);
        new AuditCrossCheck(connection, version).verify(seals, versionIds, problems);
        progress.progress("storage.phase.fields", 1.0);
        return new VerificationReport(integrityOk, integrityOk ? List.of() : integrity, chain, List.copyOf(problems),
                signed, versions);
    }

    /** Every trigger the schema creates is there with the same SQL, and there is no other. */
    private static void verifyTriggers(Connection connection, int version, List<VerificationReport.Problem> problems)
            throws SQLException {
        Map<String, String> found = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) {
            while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> expected = Schema.triggerSql(version);
        for (String trigger : Schema.protectiveTriggers(version)) {
            if (!found.containsKey(trigger)) {
                problems.add(new VerificationReport.Problem("storage.verify.triggerMissing", "sqlite_master", trigger));
            }
        }
        for (Map.Entry<String, String> trigger : found.entrySet()) {
            String wanted = expected.get(trigger.getKey());
            if (wanted == null) {
                problems.add(new VerificationReport.Problem("storage.verify.triggerUnknown", "sqlite_master",
                        trigger.getKey()));
            } else if (!Schema.sameSql(wanted, trigger.getValue())) {
                problems.add(new VerificationReport.Problem("storage.verify.triggerAltered", "sqlite_master",
                        trigger.getKey()));
            }
        }
    }

    static List<String> integrityCheck(Connection connection, String pragma) throws SQLException {
        List<String> messages = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA " + pragma + "(20)")) {
            while (rs.next()) {
                messages.add(rs.getString(1));
            }
        }
        return messages;
    }

    /** Checks every signed record; collects each one's id and stored seal hash into {@code seals}. */
    private long verifySignedRecords(Connection connection, List<VerificationReport.Problem> problems,
                                     Map<String, String> seals, CancellationToken cancel) throws SQLException {
        long count = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT s.id, s.encounter_id, s.record_version, s.amends_id, s.draft_version_id, s.content,
                            s.content_sha256, s.provenance, s.signer_id, s.signed_at_utc, s.signed_at_offset,
                            s.amendment_reason, s.seal_hash, s.seal_mac,
                            (SELECT p.encounter_id || ':' || p.record_version FROM signed_records p
                             WHERE p.id = s.amends_id)
                     FROM signed_records s ORDER BY s.encounter_id, s.record_version""")) {
            while (rs.next()) {
                count++;
                if ((count & 255) == 0) {
                    cancel.throwIfCancelled();
                }
                String id = rs.getString(1);
                String encounterId = rs.getString(2);
                int version = rs.getInt(3);
                String amendsId = rs.getString(4);
                seals.put(id, rs.getString(13));
                String content;
                String reason;
                try {
                    content = cipher.decrypt("signed_records", "content", id, rs.getBytes(6));
                    reason = cipher.decrypt("signed_records", "amendment_reason", id, rs.getBytes(12));
                } catch (MedScribeException unreadable) {
                    problems.add(new VerificationReport.Problem("storage.verify.signedUnreadable", "signed_records", id));
                    continue;
                }
                if (!CanonicalJson.sha256(content).equals(rs.getString(7))) {
                    problems.add(new VerificationReport.Problem("storage.verify.signedContentChanged", "signed_records", id));
                    continue;
                }
                String seal;
                try {
                    seal = sealHash(id, encounterId, version, amendsId, rs.getString(5), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), reason);
                } catch (MedScribeException notJson) {
                    // The provenance no longer parses: it was edited (the app only ever stores canonical JSON).
                    problems.add(new VerificationReport.Problem("storage.verify.signedProvenanceInvalid",
                            "signed_records", id));
                    continue;
                }
                if (!seal.equals(rs.getString(13)) || !key.mac("seal:" + seal).equals(rs.getString(14))) {
                    problems.add(new VerificationReport.Problem("storage.verify.signedSealBroken", "signed_records", id));
                }
                String amended = rs.getString(15);
                if (version > 1 && !(encounterId + ":" + (version - 1)).equals(amended)) {
                    problems.add(new VerificationReport.Problem("storage.verify.amendmentChainBroken", "signed_records", id));
                }
            }
        }
        return count;
    }

    private long verifyDraftVersions(Connection connection, List<VerificationReport.Problem> problems,
                                     Set<String> ids, CancellationToken cancel) throws SQLException {
        long count = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, content, content_sha256 FROM draft_versions")) {
            while (rs.next()) {
                count++;
                if ((count & 255) == 0) {
                    cancel.throwIfCancelled();
                }
                String id = rs.getString(1);
                ids.add(id);
                try {
                    String content = cipher.decrypt("draft_versions", "content", id, rs.getBytes(2));
                    if (!CanonicalJson.sha256(content).equals(rs.getString(3))) {
                        problems.add(new VerificationReport.Problem("storage.verify.versionChanged", "draft_versions", id));
                    }
                } catch (MedScribeException unreadable) {
                    problems.add(new VerificationReport.Problem("storage.verify.versionUnreadable", "draft_versions", id));
                }
            }
        }
        return count;
    }

    /** The seal: SHA-256 of the canonical JSON of everything a signature vouches for. */
    static String sealHash(String id, String encounterId, int recordVersion, String amendsId, String draftVersionId,
                           String contentSha256, String provenanceJson, String signerId, String signedAtUtc,
                           String signedAtOffset, String amendmentReason) {
        ObjectNode seal = MAPPER.createObjectNode();
        seal.put("id", id);
        seal.put("encounter_id", encounterId);
        seal.put("record_version", recordVersion);
        seal.put("amends_id", amendsId);
        seal.put("draft_version_id", draftVersionId);
        seal.put("content_sha256", contentSha256);
        seal.put("provenance_sha256", CanonicalJson.sha256(CanonicalJson.canonicalise(provenanceJson)));
        seal.put("signer_id", signerId);
        seal.put("signed_at_utc", signedAtUtc);
        seal.put("signed_at_offset", signedAtOffset);
        seal.put("amendment_reason_sha256", amendmentReason == null ? null : CanonicalJson.sha256(amendmentReason));
        return CanonicalJson.sha256(CanonicalJson.canonicalise(seal.toString()));
    }
}
