package org.medscribe.storage;

import org.medscribe.record.SourceKind;
import static org.medscribe.storage.StoreContext.fromJson;
import static org.medscribe.storage.StoreContext.newId;
import static org.medscribe.storage.StoreContext.patientOf;
import static org.medscribe.storage.StoreContext.requireText;
import static org.medscribe.storage.StoreContext.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.crypto.FieldCipher;

/** The material an encounter's draft is written from: transcripts, notes, imported documents. */
public final class Sources {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final StoreContext context;
    private final FieldCipher cipher;

    Sources(StoreContext context) {
        this.context = context;
        this.cipher = context.cipher;
    }

    public Source addSource(String encounterId, NewSource source, Actor actor) {
        requireText(source.text(), "storage.error.emptySource");
        if (source.fileSha256() != null && !SHA256.matcher(source.fileSha256()).matches()) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.badHash");
        }
        String id = newId();
        String addedAt = context.now();
        String pages = toJson(source.pages());
        int position = context.writeAudited(c -> {
            String patientId = patientOf(c, encounterId);
            int next;
            try (PreparedStatement max = c.prepareStatement(
                    "SELECT coalesce(max(position), 0) + 1 FROM sources WHERE encounter_id = ?")) {
                max.setString(1, encounterId);
                try (ResultSet rs = max.executeQuery()) {
                    next = rs.next() ? rs.getInt(1) : 1;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO sources (id, encounter_id, position, kind, label, content, media_type, file_sha256,
                                         page_map, added_by, added_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, encounterId);
                insert.setInt(3, next);
                insert.setString(4, source.kind().name());
                insert.setBytes(5, cipher.encrypt("sources", "label", id, source.label()));
                insert.setBytes(6, cipher.encrypt("sources", "content", id, source.text()));
                insert.setString(7, source.mediaType());
                insert.setString(8, source.fileSha256());
                insert.setString(9, pages);
                insert.setString(10, actor.id());
                insert.setString(11, addedAt);
                insert.executeUpdate();
            }
            context.created(c, "sources", id, actor, AuditAction.SOURCE_ADDED, patientId, "source",
                    "{\"encounter_id\":\"" + encounterId + "\",\"kind\":\"" + source.kind() + "\"}");
            return next;
        });
        return new Source(id, encounterId, position, source.kind(), source.label(), source.text(), source.mediaType(),
                source.fileSha256(), source.pages(), actor.id(), Timestamps.parse(addedAt));
    }

    List<Source> loadSources(Connection c, String encounterId) throws SQLException {
        List<Source> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, position, kind, label, content, media_type, file_sha256, page_map, added_by, added_at
                FROM sources WHERE encounter_id = ? ORDER BY position""")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new Source(id, encounterId, rs.getInt(2), SourceKind.valueOf(rs.getString(3)),
                            cipher.decrypt("sources", "label", id, rs.getBytes(4)),
                            cipher.decrypt("sources", "content", id, rs.getBytes(5)), rs.getString(6),
                            rs.getString(7), fromJson(rs.getString(8), new TypeReference<List<PageSpan>>() { }),
                            rs.getString(9), Timestamps.parse(rs.getString(10))));
                }
            }
        }
        return out;
    }
}
