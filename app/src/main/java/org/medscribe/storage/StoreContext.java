package org.medscribe.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.StoreStatus.Health;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.audit.AuditEvent;
import org.medscribe.storage.audit.AuditEvent.Outcome;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.crypto.BlindIndex;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.FieldCipher;
import org.medscribe.storage.db.Database;
import org.medscribe.storage.db.Durability;
import org.medscribe.storage.db.SqlWork;

/**
 * What every part of the open store shares: the database, the data key with its field cipher and
 * blind index, the audit log, the clock, the in-memory search index and the store's health. Each
 * repository receives it by constructor. {@code key}, {@code cipher}, {@code blindIndex} and
 * {@code audit} are {@code null} when a damaged database could not be unlocked; {@code database}
 * is {@code null} when it could not be read at all.
 */
final class StoreContext {

    static final ObjectMapper MAPPER = new ObjectMapper();

    final Database database;
    final DataKey key;
    final FieldCipher cipher;
    final BlindIndex blindIndex;
    final AuditLog audit;
    final Clock clock;
    final SearchIndex index = new SearchIndex();
    final StoreStatus status;
    private volatile boolean closed;

    StoreContext(Database database, DataKey key, Clock clock, StoreStatus status) {
        this.database = database;
        this.key = key;
        this.clock = clock;
        this.status = status;
        this.cipher = key == null ? null : new FieldCipher(key);
        this.blindIndex = key == null ? null : new BlindIndex(key);
        this.audit = key == null ? null : new AuditLog(key, clock, Workstation.name());
    }

    void markClosed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    <T> T writeAudited(SqlWork<T> work) {
        requireWritable();
        return database.write(Durability.FULL, work);
    }

    <T> T read(SqlWork<T> work) {
        if (database == null || key == null) {
            throw new MedScribeException(Category.FAILED, "storage.error.corrupt");
        }
        return database.read(work);
    }

    void requireWritable() {
        if (closed) {
            throw new MedScribeException(Category.FAILED, "storage.error.closed");
        }
        if (status.health() != Health.OK || database == null || database.isReadOnly()) {
            throw new MedScribeException(Category.FAILED, "storage.error.readOnly");
        }
    }

    BlindIndex requireKey() {
        if (key == null) {
            throw new MedScribeException(Category.FAILED, "storage.error.corrupt");
        }
        return blindIndex;
    }

    void append(Connection c, Actor actor, AuditAction action, String patientId, String objectType,
                String objectId, String detailJson) throws SQLException {
        append(c, actor, action, patientId, objectType, objectId, detailJson, Outcome.SUCCESS);
    }

    void append(Connection c, Actor actor, AuditAction action, String patientId, String objectType,
                String objectId, String detailJson, Outcome outcome) throws SQLException {
        audit.append(c, new AuditEvent(actor.kind().name(), actor.id(), action, outcome, patientId, objectType,
                objectId, detailJson));
    }

    String now() {
        return Timestamps.format(clock.instant());
    }

    static String patientOf(Connection c, String encounterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT patient_id FROM encounters WHERE id = ?")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", "encounter");
                }
                return rs.getString(1);
            }
        }
    }

    static String clinicianOf(Connection c, String encounterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT clinician_id FROM encounters WHERE id = ?")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static void requireText(String text, String key) {
        if (text == null || text.isBlank()) {
            throw new MedScribeException(Category.BAD_INPUT, key);
        }
    }

    /** The text stripped, or null when it is null or blank. */
    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static String canonicalOrNull(String json) {
        return json == null || json.isBlank() ? null : CanonicalJson.canonicalise(json);
    }

    static List<String> sectionIds(String canonicalContent) {
        List<String> ids = new ArrayList<>();
        JsonNode sections = readTree(canonicalContent).path("sections");
        for (JsonNode section : sections) {
            String id = section.path("id").asText(null);
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "storage.error.notJson");
        }
    }

    static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.FAILED, e, "storage.error.corrupt");
        }
    }
}
