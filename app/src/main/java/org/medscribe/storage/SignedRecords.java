package org.medscribe.storage;

import static org.medscribe.storage.StoreContext.MAPPER;
import static org.medscribe.storage.StoreContext.newId;
import static org.medscribe.storage.StoreContext.patientOf;
import static org.medscribe.storage.StoreContext.readTree;
import static org.medscribe.storage.StoreContext.requireText;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.audit.AuditEvent.Outcome;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.db.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signing and amending: the immutable, sealed records of an encounter. */
public final class SignedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SignedRecords.class);
    private final StoreContext context;
    private final Drafts drafts;
    private final Sources sources;

    SignedRecords(StoreContext context, Drafts drafts, Sources sources) {
        this.context = context;
        this.drafts = drafts;
        this.sources = sources;
    }

    /**
     * Signs the encounter's current draft (pending edits are saved and kept as a version first): the
     * record becomes immutable, with the signer, the time, the SHA-256 of its canonical content and
     * its provenance. Commits with {@code synchronous=FULL}. A second signature is
     * {@code storage.error.alreadySigned}: use {@link #amend}.
     */
    public SignedRecord sign(String encounterId, String clinicianId) {
        return seal(encounterId, clinicianId, null);
    }

    /**
     * Signs the current draft as an amendment of the latest signed record, with the reason (required).
     * The earlier records stay as they were and remain visible.
     */
    public SignedRecord amend(String encounterId, String clinicianId, String reason) {
        requireText(reason, "storage.error.reasonRequired");
        return seal(encounterId, clinicianId, reason.strip());
    }

    private SignedRecord seal(String encounterId, String clinicianId, String reason) {
        context.requireWritable();
        Autosaver.Pending[] written = new Autosaver.Pending[1];
        SignedRecord record;
        try {
            record = context.writeAudited(c -> {
                requireActiveClinician(c, clinicianId);
                written[0] = drafts.writePendingIn(c, encounterId);
                DraftVersion version = drafts.checkpointIn(c, encounterId, Actor.clinician(clinicianId));
                if (version == null) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.nothingToSign");
                }
                SignedRecord latest = latestSigned(c, encounterId);
                if (reason == null && latest != null) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.alreadySigned");
                }
                if (reason != null && latest == null) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.notSigned");
                }
                if (reason != null && latest.contentSha256().equals(version.contentSha256())) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.amendUnchanged");
                }
                return insertSigned(c, encounterId, clinicianId, reason, version, latest);
            });
        } catch (MedScribeException refused) {
            if (refused.isBadInput()) {
                recordRefusal(encounterId, clinicianId, reason == null ? AuditAction.RECORD_SIGNED
                        : AuditAction.RECORD_AMENDED, refused.messageKey());
            }
            throw refused;
        }
        drafts.committed(encounterId, written[0]);
        context.index.setStatus(encounterId, record.recordVersion() == 1 ? EncounterStatus.SIGNED : EncounterStatus.AMENDED);
        return record;
    }

    private SignedRecord insertSigned(Connection c, String encounterId, String clinicianId, String reason,
                                      DraftVersion version, SignedRecord latest) throws SQLException {
        String id = newId();
        int recordVersion = latest == null ? 1 : latest.recordVersion() + 1;
        String amendsId = latest == null ? null : latest.id();
        String content = context.cipher.decrypt("draft_versions", "content", version.id(), contentCipherOf(c, version.id()));
        String provenance = provenance(c, encounterId, version);
        Instant at = context.clock.instant();
        String signedAt = Timestamps.format(at);
        String offset = AuditLog.offsetAt(context.clock.getZone(), at);
        String sealHash = StoreVerifier.sealHash(id, encounterId, recordVersion, amendsId, version.id(),
                version.contentSha256(), provenance, clinicianId, signedAt, offset, reason);
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO signed_records (id, encounter_id, record_version, amends_id, draft_version_id, content,
                    content_sha256, provenance, signer_id, signed_at_utc, signed_at_offset, amendment_reason,
                    seal_hash, seal_mac)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, encounterId);
            insert.setInt(3, recordVersion);
            insert.setString(4, amendsId);
            insert.setString(5, version.id());
            insert.setBytes(6, context.cipher.encrypt("signed_records", "content", id, content));
            insert.setString(7, version.contentSha256());
            insert.setString(8, provenance);
            insert.setString(9, clinicianId);
            insert.setString(10, signedAt);
            insert.setString(11, offset);
            insert.setBytes(12, context.cipher.encrypt("signed_records", "amendment_reason", id, reason));
            insert.setString(13, sealHash);
            insert.setString(14, context.key.mac("seal:" + sealHash));
            insert.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE encounters SET status = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, recordVersion == 1 ? "SIGNED" : "AMENDED");
            update.setString(2, signedAt);
            update.setString(3, encounterId);
            update.executeUpdate();
        }
        context.append(c, Actor.clinician(clinicianId), recordVersion == 1 ? AuditAction.RECORD_SIGNED : AuditAction.RECORD_AMENDED,
                patientOf(c, encounterId), "signed_record", id,
                "{\"record_version\":" + recordVersion + ",\"content_sha256\":\"" + version.contentSha256()
                        + "\",\"seal_hash\":\"" + sealHash + "\"}");
        return new SignedRecord(id, encounterId, recordVersion, amendsId, version.id(), content,
                version.contentSha256(), provenance, clinicianId, Timestamps.parse(signedAt), offset, reason, sealHash);
    }

    private byte[] contentCipherOf(Connection c, String versionId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT content FROM draft_versions WHERE id = ?")) {
            select.setString(1, versionId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    /** What the signature vouches for besides the text: template, model, sources, section origins. */
    private String provenance(Connection c, String encounterId, DraftVersion version) throws SQLException {
        ObjectNode provenance = MAPPER.createObjectNode();
        provenance.put("draft_version_id", version.id());
        provenance.put("draft_version_no", version.versionNo());
        provenance.put("template_id", version.templateId());
        provenance.put("template_version", version.templateVersion());
        provenance.put("language", version.language());
        DraftVersion generation = latestGenerationBehind(c, version);
        provenance.set("model", generation == null || generation.modelProvenanceJson() == null ? null
                : readTree(generation.modelProvenanceJson()));
        provenance.put("generation_version_id", generation == null ? null : generation.id());
        ObjectNode origins = provenance.putObject("section_origins");
        version.sectionOrigins().forEach((section, origin) -> origins.put(section, origin.name()));
        ArrayNode sources = provenance.putArray("sources");
        for (Source source : this.sources.loadSources(c, encounterId)) {
            ObjectNode node = sources.addObject();
            node.put("id", source.id());
            node.put("kind", source.kind().name());
            node.put("file_sha256", source.fileSha256());
            node.put("text_sha256", CanonicalJson.sha256(source.text()));
        }
        return CanonicalJson.canonicalise(provenance.toString());
    }

    private DraftVersion latestGenerationBehind(Connection c, DraftVersion version) throws SQLException {
        DraftVersion current = version;
        for (int guard = 0; current != null && guard < 10_000; guard++) {
            if (current.kind() == DraftKind.AI_GENERATION) {
                return current;
            }
            current = current.basedOn() == null ? null : drafts.loadVersion(c, current.basedOn(), false);
        }
        return null;
    }

    private SignedRecord latestSigned(Connection c, String encounterId) throws SQLException {
        List<SignedRecord> all = loadSigned(c, encounterId);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every signed record and amendment of the encounter, oldest first. */
    public List<SignedRecord> signedRecords(String encounterId) {
        context.requireKey();
        return context.read(c -> loadSigned(c, encounterId));
    }

    List<SignedRecord> loadSigned(Connection c, String encounterId) throws SQLException {
        List<SignedRecord> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, record_version, amends_id, draft_version_id, content, content_sha256, provenance, signer_id,
                       signed_at_utc, signed_at_offset, amendment_reason, seal_hash
                FROM signed_records WHERE encounter_id = ? ORDER BY record_version""")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new SignedRecord(id, encounterId, rs.getInt(2), rs.getString(3), rs.getString(4),
                            context.cipher.decrypt("signed_records", "content", id, rs.getBytes(5)), rs.getString(6),
                            rs.getString(7), rs.getString(8), Timestamps.parse(rs.getString(9)), rs.getString(10),
                            context.cipher.decrypt("signed_records", "amendment_reason", id, rs.getBytes(11)),
                            rs.getString(12)));
                }
            }
        }
        return out;
    }

    private void requireActiveClinician(Connection c, String clinicianId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT active FROM clinicians WHERE id = ?")) {
            select.setString(1, clinicianId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.unknownClinician");
                }
            }
        }
    }

    private void recordRefusal(String encounterId, String clinicianId, AuditAction action, String reasonKey) {
        try {
            context.database.write(Durability.FULL, c -> {
                String patientId = null;
                try {
                    patientId = patientOf(c, encounterId);
                } catch (MedScribeException unknownEncounter) {
                    // The refusal is still worth recording without the patient.
                }
                context.append(c, clinicianId == null ? Actor.system() : new Actor(Actor.Kind.CLINICIAN, clinicianId), action,
                        patientId, "encounter", encounterId, "{\"refused\":\"" + reasonKey + "\"}", Outcome.DENIED);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not record a refused signature: {}", e.getMessage());
        }
    }
}
