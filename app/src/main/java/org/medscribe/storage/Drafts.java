package org.medscribe.storage;

import static org.medscribe.storage.StoreContext.MAPPER;
import static org.medscribe.storage.StoreContext.canonicalOrNull;
import static org.medscribe.storage.StoreContext.clinicianOf;
import static org.medscribe.storage.StoreContext.fromJson;
import static org.medscribe.storage.StoreContext.newId;
import static org.medscribe.storage.StoreContext.patientOf;
import static org.medscribe.storage.StoreContext.sectionIds;
import static org.medscribe.storage.StoreContext.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.audit.AuditAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drafts: the autosaved working draft, clinician and AI versions, checkpoints before generation. */
public final class Drafts {

    private static final Logger LOG = LoggerFactory.getLogger(Drafts.class);

    private final StoreContext context;
    private final Autosaver autosaver;

    Drafts(StoreContext context, StoreOptions options, long lastRevision) {
        this.context = context;
        this.autosaver = context.database == null || context.database.isReadOnly() ? null
                : new Autosaver(context.database, context.clock, options.autosaveDelay().toMillis(),
                        options.autosaveRetry().toMillis(), lastRevision, this::writeWorkingDraft);
    }

    public void addAutosaveListener(AutosaveListener listener) {
        if (autosaver != null) {
            autosaver.addListener(listener);
        }
    }

    public void removeAutosaveListener(AutosaveListener listener) {
        if (autosaver != null) {
            autosaver.removeListener(listener);
        }
    }

    /**
     * Records the doctor's current draft of an encounter; it reaches the disk within
     * {@link StoreOptions#autosaveDelay()} (listeners hear when). Never blocks: safe to call on every
     * keystroke from the JavaFX thread. Returns the edit's revision number.
     */
    public long autosave(String encounterId, DraftEdit edit) {
        context.requireWritable();
        return autosaver.submit(encounterId, edit);
    }

    /** The edit still waiting to be saved for {@code encounterId} (kept in memory after a failed save). */
    public Optional<DraftEdit> unsavedEdit(String encounterId) {
        if (autosaver == null) {
            return Optional.empty();
        }
        Autosaver.Pending pending = autosaver.pendingFor(encounterId);
        return pending == null ? Optional.empty() : Optional.of(pending.edit());
    }

    /** Writes every pending autosave now; throws (e.g. {@code storage.error.diskFull}) if it cannot. */
    public void flushAutosaves() {
        context.requireWritable();
        autosaver.flushAll();
    }

    /**
     * Call before starting a generation: saves the pending edit and keeps the working draft as a
     * clinician version if it changed, so regenerating can never lose the doctor's edits. Returns the
     * version the working draft now rests on (empty if there is no draft yet).
     */
    public Optional<DraftVersion> saveBeforeGeneration(String encounterId, String clinicianId) {
        return checkpointEdits(encounterId, Actor.clinician(clinicianId));
    }

    /** Keeps the working draft as a clinician version if it has unsaved-as-version edits. */
    public Optional<DraftVersion> checkpointEdits(String encounterId, Actor author) {
        context.requireWritable();
        Autosaver.Pending[] written = new Autosaver.Pending[1];
        DraftVersion version = context.writeAudited(c -> {
            written[0] = writePendingIn(c, encounterId);
            return checkpointIn(c, encounterId, author);
        });
        autosaver.committed(encounterId, written[0]);
        return Optional.ofNullable(version);
    }

    /**
     * Keeps a generated draft as a new AI version and makes it the working draft (all sections of
     * origin AI). Unsaved clinician edits are first kept as their own version.
     */
    public DraftVersion saveGeneratedDraft(String encounterId, GeneratedDraft draft) {
        context.requireWritable();
        String canonical = CanonicalJson.canonicalise(draft.contentJson());
        Map<String, SectionOrigin> origins = new LinkedHashMap<>();
        for (String sectionId : sectionIds(canonical)) {
            origins.put(sectionId, SectionOrigin.AI);
        }
        Autosaver.Pending[] written = new Autosaver.Pending[1];
        DraftVersion version = context.writeAudited(c -> {
            written[0] = writePendingIn(c, encounterId);
            String clinician = clinicianOf(c, encounterId);
            checkpointIn(c, encounterId, clinician == null ? Actor.system() : Actor.clinician(clinician));
            String baseId = currentBaseVersion(c, encounterId);
            DraftVersion created = insertVersion(c, encounterId, DraftKind.AI_GENERATION, baseId, draft.templateId(),
                    draft.templateVersion(), draft.language(), draft.modelProvenanceJson(), draft.parametersJson(),
                    draft.timingsJson(), Actor.ai(null), canonical, origins);
            upsertWorking(c, encounterId, created.id(), canonical, origins, autosaver.nextRevision(), true);
            context.append(c, Actor.ai(null), AuditAction.DRAFT_GENERATED, patientOf(c, encounterId), "draft_version",
                    created.id(), "{\"template_id\":" + MAPPER.valueToTree(draft.templateId()) + ",\"version_no\":"
                            + created.versionNo() + "}");
            return created;
        });
        autosaver.committed(encounterId, written[0]);
        return version;
    }

    /** The encounter's versions, oldest first, without content. */
    public List<DraftVersion> draftVersions(String encounterId) {
        return context.read(c -> loadVersions(c, encounterId));
    }

    /** One version with its content. */
    public DraftVersion draftVersion(String versionId) {
        context.requireKey();
        return context.read(c -> loadVersion(c, versionId, true));
    }

    public Optional<WorkingDraft> workingDraft(String encounterId) {
        context.requireKey();
        return context.read(c -> loadWorking(c, encounterId));
    }

    Autosaver.Pending writePendingIn(Connection c, String encounterId) throws SQLException {
        Autosaver.Pending pending = autosaver.pendingFor(encounterId);
        if (pending != null) {
            writeWorkingDraft(c, encounterId, pending);
        }
        return pending;
    }

    /** The autosave write: replaces the working draft's content, marks it not yet a version. */
    private void writeWorkingDraft(Connection c, String encounterId, Autosaver.Pending pending) throws SQLException {
        String base = currentBaseVersion(c, encounterId);
        upsertWorking(c, encounterId, base, pending.edit().contentJson(), pending.edit().sectionOrigins(),
                pending.revision(), false);
    }

    private void upsertWorking(Connection c, String encounterId, String baseVersionId, String content,
                               Map<String, SectionOrigin> origins, long revision, boolean checkpointed)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO working_drafts (encounter_id, base_version_id, content, origins, revision, checkpointed,
                                            saved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(encounter_id) DO UPDATE SET base_version_id = excluded.base_version_id,
                    content = excluded.content, origins = excluded.origins, revision = excluded.revision,
                    checkpointed = excluded.checkpointed, saved_at = excluded.saved_at
                WHERE excluded.revision > working_drafts.revision""")) {
            upsert.setString(1, encounterId);
            upsert.setString(2, baseVersionId);
            upsert.setBytes(3, context.cipher.encrypt("working_drafts", "content", encounterId, content));
            upsert.setString(4, toJson(new TreeMap<>(origins)));
            upsert.setLong(5, revision);
            upsert.setInt(6, checkpointed ? 1 : 0);
            upsert.setString(7, context.now());
            upsert.executeUpdate();
        }
    }

    private String currentBaseVersion(Connection c, String encounterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT base_version_id FROM working_drafts WHERE encounter_id = ?")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id FROM draft_versions WHERE encounter_id = ? ORDER BY version_no DESC LIMIT 1")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Inside a write: turns un-checkpointed working edits into a clinician version; returns the base version. */
    DraftVersion checkpointIn(Connection c, String encounterId, Actor author) throws SQLException {
        String baseId;
        byte[] contentCipher;
        String originsJson;
        boolean checkpointed;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT base_version_id, content, origins, checkpointed FROM working_drafts WHERE encounter_id = ?")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    String latest = currentBaseVersion(c, encounterId);
                    return latest == null ? null : loadVersion(c, latest, false);
                }
                baseId = rs.getString(1);
                contentCipher = rs.getBytes(2);
                originsJson = rs.getString(3);
                checkpointed = rs.getInt(4) == 1;
            }
        }
        DraftVersion base = baseId == null ? null : loadVersion(c, baseId, false);
        if (checkpointed) {
            return base;
        }
        String content = CanonicalJson.canonicalise(
                context.cipher.decrypt("working_drafts", "content", encounterId, contentCipher));
        Map<String, SectionOrigin> origins = fromJson(originsJson, new TypeReference<Map<String, SectionOrigin>>() { });
        DraftVersion result;
        if (base != null && base.contentSha256().equals(CanonicalJson.sha256(content))) {
            result = base;
        } else {
            // Edits are human work; when the clinician is unknown (no one assigned) the author id stays empty.
            Actor editor = author.kind() == Actor.Kind.CLINICIAN ? author : new Actor(Actor.Kind.CLINICIAN, null);
            result = insertVersion(c, encounterId, DraftKind.CLINICIAN_EDIT, baseId,
                    base == null ? null : base.templateId(), base == null ? null : base.templateVersion(),
                    base == null ? null : base.language(), null, null, null, editor, content, origins);
            context.append(c, editor, AuditAction.DRAFT_EDITED, patientOf(c, encounterId), "draft_version", result.id(),
                    "{\"version_no\":" + result.versionNo() + "}");
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE working_drafts SET base_version_id = ?, checkpointed = 1 WHERE encounter_id = ?")) {
            update.setString(1, result.id());
            update.setString(2, encounterId);
            update.executeUpdate();
        }
        return result;
    }

    private DraftVersion insertVersion(Connection c, String encounterId, DraftKind kind, String basedOn,
                                       String templateId, String templateVersion, String language,
                                       String modelProvenance, String parameters, String timings, Actor author,
                                       String canonicalContent, Map<String, SectionOrigin> origins)
            throws SQLException {
        String id = newId();
        String createdAt = context.now();
        int versionNo;
        try (PreparedStatement max = c.prepareStatement(
                "SELECT coalesce(max(version_no), 0) + 1 FROM draft_versions WHERE encounter_id = ?")) {
            max.setString(1, encounterId);
            try (ResultSet rs = max.executeQuery()) {
                versionNo = rs.next() ? rs.getInt(1) : 1;
            }
        }
        String sha = CanonicalJson.sha256(canonicalContent);
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO draft_versions (id, encounter_id, version_no, kind, based_on, template_id, template_version,
                    language, model_provenance, parameters, timings, author_kind, author_id, content, content_sha256,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, encounterId);
            insert.setInt(3, versionNo);
            insert.setString(4, kind.name());
            insert.setString(5, basedOn);
            insert.setString(6, templateId);
            insert.setString(7, templateVersion);
            insert.setString(8, language);
            insert.setString(9, canonicalOrNull(modelProvenance));
            insert.setString(10, canonicalOrNull(parameters));
            insert.setString(11, canonicalOrNull(timings));
            insert.setString(12, author.kind() == Actor.Kind.AI ? "AI" : "CLINICIAN");
            insert.setString(13, author.id());
            insert.setBytes(14, context.cipher.encrypt("draft_versions", "content", id, canonicalContent));
            insert.setString(15, sha);
            insert.setString(16, createdAt);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO section_origins (draft_version_id, section_id, origin) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, SectionOrigin> origin : new TreeMap<>(origins).entrySet()) {
                insert.setString(1, id);
                insert.setString(2, origin.getKey());
                insert.setString(3, origin.getValue().name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return new DraftVersion(id, encounterId, versionNo, kind, basedOn, templateId, templateVersion, language,
                canonicalOrNull(modelProvenance), canonicalOrNull(parameters), canonicalOrNull(timings),
                author.kind() == Actor.Kind.AI ? author : new Actor(Actor.Kind.CLINICIAN, author.id()), sha,
                Map.copyOf(origins), Timestamps.parse(createdAt), canonicalContent);
    }

    private static final String VERSION_COLUMNS = """
            SELECT id, encounter_id, version_no, kind, based_on, template_id, template_version, language,
                   model_provenance, parameters, timings, author_kind, author_id, content_sha256, created_at, content
            FROM draft_versions""";

    DraftVersion loadVersion(Connection c, String id, boolean withContent) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(VERSION_COLUMNS + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", "draft_version");
                }
                return version(c, rs, withContent);
            }
        }
    }

    List<DraftVersion> loadVersions(Connection c, String encounterId) throws SQLException {
        List<DraftVersion> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(VERSION_COLUMNS + " WHERE encounter_id = ? ORDER BY version_no")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(version(c, rs, false));
                }
            }
        }
        return out;
    }

    private DraftVersion version(Connection c, ResultSet rs, boolean withContent) throws SQLException {
        String id = rs.getString(1);
        Map<String, SectionOrigin> origins = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT section_id, origin FROM section_origins WHERE draft_version_id = ? ORDER BY section_id")) {
            select.setString(1, id);
            try (ResultSet o = select.executeQuery()) {
                while (o.next()) {
                    origins.put(o.getString(1), SectionOrigin.valueOf(o.getString(2)));
                }
            }
        }
        Actor author = new Actor(Actor.Kind.valueOf(rs.getString(12)), rs.getString(13));
        return new DraftVersion(id, rs.getString(2), rs.getInt(3), DraftKind.valueOf(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                author, rs.getString(14), origins, Timestamps.parse(rs.getString(15)),
                withContent ? context.cipher.decrypt("draft_versions", "content", id, rs.getBytes(16)) : null);
    }

    Optional<WorkingDraft> loadWorking(Connection c, String encounterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT base_version_id, content, origins, revision, checkpointed, saved_at
                FROM working_drafts WHERE encounter_id = ?""")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WorkingDraft(encounterId, rs.getString(1),
                        context.cipher.decrypt("working_drafts", "content", encounterId, rs.getBytes(2)),
                        fromJson(rs.getString(3), new TypeReference<Map<String, SectionOrigin>>() { }),
                        rs.getLong(4), rs.getInt(5) == 1, Timestamps.parse(rs.getString(6))));
            }
        }
    }

    /** After a write that saved {@code written}: tells the autosaver it reached the disk. */
    void committed(String encounterId, Autosaver.Pending written) {
        autosaver.committed(encounterId, written);
    }

    /** On closing the store: saves pending autosaves if the disk lets it. */
    void saveBeforeClose() {
        if (autosaver != null && autosaver.hasPending()) {
            try {
                autosaver.flushAll();
            } catch (MedScribeException e) {
                LOG.error("closing with unsaved edits ({})", e.messageKey());
            }
        }
    }
}
