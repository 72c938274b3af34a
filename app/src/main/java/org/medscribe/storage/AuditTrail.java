package org.medscribe.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.medscribe.storage.audit.AuditEntry;

/** The audit log as people read it: the newest rows first. */
public final class AuditTrail {

    private final StoreContext context;

    AuditTrail(StoreContext context) {
        this.context = context;
    }

    /** The newest {@code limit} audit rows, newest first. */
    public List<AuditEntry> newest(int limit) {
        return context.read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT seq, at_utc, utc_offset, actor_kind, actor_id, action, outcome, patient_id, object_type,
                           object_id, workstation, detail, prev_hash, entry_hash
                    FROM audit_log ORDER BY seq DESC LIMIT ?""")) {
                select.setInt(1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                                rs.getString(14)));
                    }
                }
            }
            return out;
        });
    }
}
