package org.medscribe.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.medscribe.storage.audit.AuditAnchor;
import org.medscribe.storage.audit.AuditEvent;
import org.medscribe.storage.audit.AuditEvent.Outcome;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.crypto.BlindIndex;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.FieldCipher;
import org.medscribe.storage.db.Database;
import org.medscribe.storage.db.Durability;
import org.medscribe.storage.db.SqlWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of the open store shares: the database, the data key with its field cipher and
 * blind index, the audit log, the clock, the in-memory search index and the store's health. Each
 * repository receives it by constructor. {@code key}, {@code cipher}, {@code blindIndex} and
 * {@code audit} are {@code null} when a damaged database could not be unlocked; {@code database}
 * is {@code null} when it could not be read at all.
 */
final class StoreContext {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StoreContext.class);

    final Database database;
    final DataKey key;
    final FieldCipher cipher;
    final BlindIndex blindIndex;
    final AuditLog audit;
    final Clock clock;
    final SearchIndex index;
    final StoreStatus status;
    private volatile boolean closed;

    StoreContext(Database database, DataKey key, Clock clock, StoreStatus status, SearchIndex index) {
        this.database = database;
        this.key = key;
        this.clock = clock;
        this.status = status;
        this.index = index;
        this.cipher = key == null ? null : new FieldCipher(key);
        this.blindIndex = key == null ? null : new BlindIndex(key);
        this.audit = key == null ? null : new AuditLog(key, clock, Workstation.name());
        if (audit != null && database != null && !database.isReadOnly()) {
            AuditAnchor anchor = new AuditAnchor(AuditAnchor.besides(database.file()), key);
            database.setTransactionListener(committed -> {
                AuditAnchor.Mark appended = audit.takeAppended();
                if (committed && appended != null) {
                    try {
                        anchor.advance(appended);
                    } catch (IOException | RuntimeException e) {
                        // Behind is safe (verify wants the anchored row, not the head); the next commit retries.
                        LOG.warn("the audit anchor could not be moved on: {}", e.getMessage());
                    }
                }
            });
        }
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

    /** After inserting a row: stores its MAC, then the audit row saying who created it. */
    void created(Connection c, String table, String id, Actor actor, AuditAction action, String patientId,
                 String objectType, String detailJson) throws SQLException {
        seal(c, table, id);
        append(c, actor, action, patientId, objectType, id, detailJson);
    }

    /** Inserts one row (with the id it is given) of an item; returns what it made. */
    @FunctionalInterface
    interface RowInsert<T, R> {
        R insert(Connection c, String id, T item, String createdAt) throws SQLException;
    }

    /**
     * Inserts a row of {@code table} per item for one encounter in one audited write, each with a new
     * id and sealed, then one audit row counting them (what verify holds the table to).
     */
    <T, R> List<R> insertAll(String encounterId, List<T> items, String table, Actor actor, AuditAction action,
                             RowInsert<T, R> insert) {
        List<R> out = new ArrayList<>();
        String createdAt = now();
        writeAudited(c -> {
            for (T item : items) {
                String id = newId();
                out.add(insert.insert(c, id, item, createdAt));
                seal(c, table, id);
            }
            append(c, actor, action, patientOf(c, encounterId), "encounter", encounterId,
                    "{\"count\":" + items.size() + "}");
            return null;
        });
        return out;
    }

    /** Reads one result row into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with its one parameter bound to {@code parameter}; reads every row, in order. */
    static <T> List<T> list(Connection c, String sql, String parameter, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        }
        return out;
    }

    /** The encounter a row of {@code table} belongs to; an unknown id is {@code storage.error.notFound}. */
    static String encounterOfRow(Connection c, String table, String id, String what) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT encounter_id FROM " + table + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", what);
                }
                return rs.getString(1);
            }
        }
    }

    /** Stores the MAC of a row just inserted or updated (see {@link RowSeals}); returns it. */
    String seal(Connection c, String table, String id) throws SQLException {
        return RowSeals.seal(c, key, table, id);
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
