package org.medscribe.storage;

import static org.medscribe.storage.StoreContext.canonicalOrNull;
import static org.medscribe.storage.StoreContext.encounterOfRow;
import static org.medscribe.storage.StoreContext.newId;
import static org.medscribe.storage.StoreContext.patientOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.audit.AuditAction;

/** The model's suggestions on a draft and the clinician's decisions on them. */
public final class Suggestions {

    private final StoreContext context;

    Suggestions(StoreContext context) {
        this.context = context;
    }

    public List<Suggestion> addSuggestions(String encounterId, String draftVersionId, List<NewSuggestion> suggestions) {
        return context.insertAll(encounterId, suggestions, "suggestions", Actor.ai(null), AuditAction.SUGGESTIONS_ADDED,
                (c, id, suggestion, createdAt) -> {
                    String content = CanonicalJson.canonicalise(suggestion.contentJson());
                    String provenance = canonicalOrNull(suggestion.modelProvenanceJson());
                    try (PreparedStatement insert = c.prepareStatement("""
                            INSERT INTO suggestions (id, encounter_id, draft_version_id, kind, content,
                                                     model_provenance, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                        insert.setString(1, id);
                        insert.setString(2, encounterId);
                        insert.setString(3, draftVersionId);
                        insert.setString(4, suggestion.kind());
                        insert.setBytes(5, context.cipher.encrypt("suggestions", "content", id, content));
                        insert.setString(6, provenance);
                        insert.setString(7, createdAt);
                        insert.executeUpdate();
                    }
                    return new Suggestion(id, encounterId, draftVersionId, suggestion.kind(), content, provenance,
                            Timestamps.parse(createdAt), null, null, null, null);
                });
    }

    /**
     * Records the clinician's decision on a suggestion (a later decision supersedes an earlier one;
     * both are kept). {@code editedContentJson} is required for {@link Decision#EDITED}.
     */
    public void decideSuggestion(String suggestionId, Decision decision, String editedContentJson, String clinicianId) {
        if (decision == Decision.EDITED && (editedContentJson == null || editedContentJson.isBlank())) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.editedContentRequired");
        }
        String id = newId();
        String edited = decision == Decision.EDITED ? CanonicalJson.canonicalise(editedContentJson) : null;
        context.writeAudited(c -> {
            String encounterId = encounterOfRow(c, "suggestions", suggestionId, "suggestion");
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO suggestion_decisions (id, suggestion_id, decision, edited_content, clinician_id,
                                                      decided_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, suggestionId);
                insert.setString(3, decision.name());
                insert.setBytes(4, context.cipher.encrypt("suggestion_decisions", "edited_content", id, edited));
                insert.setString(5, clinicianId);
                insert.setString(6, context.now());
                insert.executeUpdate();
            }
            context.seal(c, "suggestion_decisions", id);
            context.append(c, Actor.clinician(clinicianId), AuditAction.SUGGESTION_DECIDED, patientOf(c, encounterId),
                    "suggestion", suggestionId, "{\"decision\":\"" + decision + "\"}");
            return null;
        });
    }

    public List<Suggestion> suggestions(String encounterId) {
        return context.read(c -> loadSuggestions(c, encounterId));
    }

    List<Suggestion> loadSuggestions(Connection c, String encounterId) throws SQLException {
        return StoreContext.list(c, """
                SELECT s.id, s.draft_version_id, s.kind, s.content, s.model_provenance, s.created_at,
                       d.id, d.decision, d.edited_content, d.clinician_id, d.decided_at
                FROM suggestions s
                LEFT JOIN suggestion_decisions d ON d.id = (
                    SELECT id FROM suggestion_decisions WHERE suggestion_id = s.id
                    ORDER BY decided_at DESC, rowid DESC LIMIT 1)
                WHERE s.encounter_id = ? ORDER BY s.created_at, s.rowid""", encounterId, rs -> {
            String id = rs.getString(1);
            String decisionId = rs.getString(7);
            return new Suggestion(id, encounterId, rs.getString(2), rs.getString(3),
                    context.cipher.decrypt("suggestions", "content", id, rs.getBytes(4)), rs.getString(5),
                    Timestamps.parse(rs.getString(6)),
                    decisionId == null ? null : Decision.valueOf(rs.getString(8)),
                    decisionId == null ? null
                            : context.cipher.decrypt("suggestion_decisions", "edited_content", decisionId, rs.getBytes(9)),
                    rs.getString(10), Timestamps.parse(rs.getString(11)));
        });
    }
}
