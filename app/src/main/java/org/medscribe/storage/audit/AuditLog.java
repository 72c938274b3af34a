package org.medscribe.storage.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.medscribe.common.CancellationToken;
import org.medscribe.storage.CanonicalJson;
import org.medscribe.storage.Timestamps;
import org.medscribe.storage.crypto.DataKey;

/**
 * The append-only, hash-chained audit log. Each row's {@code entry_hash} is the SHA-256 of the
 * canonical JSON of its fields and the previous row's hash; {@code entry_mac} is an HMAC of that hash
 * with a key derived from the data key, so rewriting the chain needs the key as well as write access.
 * The head (last seq, hash, MAC) is also kept in {@code store_meta}, so a deleted tail is detected.
 * Triggers refuse UPDATE and DELETE on the table.
 *
 * <p>{@link #append} runs inside the caller's write transaction on the writer thread; {@link #verify}
 * on any connection. Stateless apart from its configuration; thread-safe.
 */
public final class AuditLog {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DataKey key;
    private final Clock clock;
    private final String workstation;
    private volatile AuditAnchor.Mark appended;

    public AuditLog(DataKey key, Clock clock, String workstation) {
        this.key = key;
        this.clock = clock;
        this.workstation = workstation;
    }

    /** Appends {@code event} as the next row and moves the head; returns the new seq. */
    public long append(Connection connection, AuditEvent event) throws SQLException {
        long seq;
        String previous;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                previous = rs.getString(2);
            } else {
                seq = 1;
                previous = GENESIS;
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String atUtc = Timestamps.format(now);
        String utcOffset = offsetAt(clock.getZone(), now);
        String detail = CanonicalJson.canonicalise(event.detailJson());
        AuditEntry entry = new AuditEntry(seq, atUtc, utcOffset, event.actorKind(), event.actorId(),
                event.action().name(), event.outcome().name(), event.patientId(), event.objectType(), event.objectId(),
                workstation, detail, previous, null);
        String hash = hash(entry);
        String mac = key.mac("audit:" + seq + ":" + hash);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_log (seq, at_utc, utc_offset, actor_kind, actor_id, action, outcome, patient_id,
                                       object_type, object_id, workstation, detail, prev_hash, entry_hash, entry_mac)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, seq);
            insert.setString(2, atUtc);
            insert.setString(3, utcOffset);
            insert.setString(4, entry.actorKind());
            insert.setString(5, entry.actorId());
            insert.setString(6, entry.action());
            insert.setString(7, entry.outcome());
            insert.setString(8, entry.patientId());
            insert.setString(9, entry.objectType());
            insert.setString(10, entry.objectId());
            insert.setString(11, workstation);
            insert.setString(12, detail);
            insert.setString(13, previous);
            insert.setString(14, hash);
            insert.setString(15, mac);
            insert.executeUpdate();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT INTO store_meta (key, value) VALUES ('audit.head', ?) "
                        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            head.setString(1, seq + ":" + hash + ":" + key.mac("audit-head:" + seq + ":" + hash));
            head.executeUpdate();
        }
        appended = new AuditAnchor.Mark(seq, hash);
        return seq;
    }

    /**
     * The last row appended since the previous call (then forgotten), or {@code null}: after a commit,
     * where the {@link AuditAnchor} moves to; after a rollback, to be dropped.
     */
    public AuditAnchor.Mark takeAppended() {
        AuditAnchor.Mark mark = appended;
        appended = null;
        return mark;
    }

    /** Walks the whole chain; never throws for a broken chain, it reports. */
    public AuditChainReport verify(Connection connection, CancellationToken cancel) throws SQLException {
        List<AuditChainReport.Problem> problems = new ArrayList<>();
        long rows = 0;
        long expectedSeq = 1;
        String previous = GENESIS;
        long lastSeq = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT seq, at_utc, utc_offset, actor_kind, actor_id, action, outcome, patient_id, object_type,
                            object_id, workstation, detail, prev_hash, entry_hash, entry_mac
                     FROM audit_log ORDER BY seq""")) {
            while (rs.next()) {
                if ((rows & 1023) == 0) {
                    cancel.throwIfCancelled();
                }
                rows++;
                AuditEntry entry = new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
                String mac = rs.getString(15);
                if (entry.seq() != expectedSeq) {
                    problems.add(new AuditChainReport.Problem("storage.verify.auditGap", entry.seq()));
                }
                if (!previous.equals(entry.previousHash())) {
                    problems.add(new AuditChainReport.Problem("storage.verify.auditChainBroken", entry.seq()));
                }
                String recomputed = hash(entry);
                if (!recomputed.equals(entry.entryHash())) {
                    problems.add(new AuditChainReport.Problem("storage.verify.auditRowAltered", entry.seq()));
                } else if (!key.mac("audit:" + entry.seq() + ":" + recomputed).equals(mac)) {
                    problems.add(new AuditChainReport.Problem("storage.verify.auditMacInvalid", entry.seq()));
                }
                previous = entry.entryHash();
                lastSeq = entry.seq();
                expectedSeq = entry.seq() + 1;
            }
        }
        String head = null;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT value FROM store_meta WHERE key = 'audit.head'")) {
            if (rs.next()) {
                head = rs.getString(1);
            }
        }
        if (rows > 0 || head != null) {
            String expected = lastSeq + ":" + previous + ":" + key.mac("audit-head:" + lastSeq + ":" + previous);
            if (!expected.equals(head)) {
                problems.add(new AuditChainReport.Problem("storage.verify.auditHeadMismatch", lastSeq));
            }
        }
        return new AuditChainReport(rows, lastSeq, previous, List.copyOf(problems));
    }

    /** The last row's seq and hash, or {@code 0} and the genesis hash. */
    public static AuditChainReport head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT seq, entry_hash, (SELECT count(*) FROM audit_log) "
                     + "FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
                return new AuditChainReport(rs.getLong(3), rs.getLong(1), rs.getString(2), List.of());
            }
        }
        return new AuditChainReport(0, 0, GENESIS, List.of());
    }

    static String hash(AuditEntry entry) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", entry.seq());
        node.put("at_utc", entry.atUtc());
        node.put("utc_offset", entry.utcOffset());
        node.put("actor_kind", entry.actorKind());
        node.put("actor_id", entry.actorId());
        node.put("action", entry.action());
        node.put("outcome", entry.outcome());
        node.put("patient_id", entry.patientId());
        node.put("object_type", entry.objectType());
        node.put("object_id", entry.objectId());
        node.put("workstation", entry.workstation());
        node.put("detail", entry.detailJson());
        node.put("prev_hash", entry.previousHash());
        return CanonicalJson.sha256(CanonicalJson.canonicalise(node.toString()));
    }

    /** The offset of the local zone at {@code instant}, as stored (e.g. {@code +08:00}). */
    public static String offsetAt(ZoneId zone, Instant instant) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        return offset.getId().equals("Z") ? "+00:00" : offset.getId();
    }
}
