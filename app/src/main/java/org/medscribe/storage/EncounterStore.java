package org.medscribe.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.LocationCheck.LocationWarning;
import org.medscribe.storage.StoreStatus.Health;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.audit.AuditEntry;
import org.medscribe.storage.audit.AuditEvent;
import org.medscribe.storage.audit.AuditEvent.Outcome;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.backup.BackupManifest;
import org.medscribe.storage.backup.Backups;
import org.medscribe.storage.backup.DatabaseCheck;
import org.medscribe.storage.crypto.BlindIndex;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.FieldCipher;
import org.medscribe.storage.crypto.KeyEncryptionKeySource;
import org.medscribe.storage.db.Database;
import org.medscribe.storage.db.Durability;
import org.medscribe.storage.db.Schema;
import org.medscribe.storage.db.SqliteNatives;
import org.medscribe.storage.db.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encounter store: patients, encounters, sources, draft versions, the autosaved working draft,
 * suggestions and decisions, quality findings, signed records and the audit log, in one SQLite file
 * with patient text encrypted per column.
 *
 * <h2>Threading</h2>
 * Every write runs on the store's single writer thread ({@code io-db-writer}); the calling thread
 * blocks until it has committed. Reads run on the calling thread with a pooled read-only connection.
 * So call every method from a background ({@code io}) thread, never the JavaFX thread, except
 * {@link #autosave}, which only records the edit in memory and returns at once. Listeners are called
 * on the writer thread.
 *
 * <h2>Durability</h2>
 * Autosaves commit with {@code synchronous=NORMAL} (they survive a crash of the app; the last second
 * may be lost on power failure); everything audited (versions, signing, amendments, new patients,
 * backups, migrations) commits with {@code synchronous=FULL}.
 *
 * <h2>Lifecycle</h2>
 * {@link #open} takes the store's lock file (one writing process at a time), checks the file
 * ({@code quick_check}), backs up and migrates an older schema, unlocks the data key and loads the
 * search index. {@link #close()} saves pending autosaves, stops the backup timer, closes the
 * database and releases the lock. A damaged database opens in {@link Health#DAMAGED_READ_ONLY} with
 * a restore offer instead of failing.
 */
public final class EncounterStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EncounterStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final StoreLayout layout;
    private final StoreOptions options;
    private final Clock clock;
    private final StoreLock lock;
    private final Database database;
    private final DataKey key;
    private final FieldCipher cipher;
    private final BlindIndex blindIndex;
    private final AuditLog audit;
    private final SearchIndex index = new SearchIndex();
    private final Autosaver autosaver;
    private final Backups backups;
    private final ScheduledExecutorService backupTimer;
    private volatile StoreStatus status;
    private volatile boolean closed;

    private EncounterStore(StoreLayout layout, StoreOptions options, StoreLock lock, Database database, DataKey key,
                           StoreStatus status, long lastRevision) {
        this.layout = layout;
        this.options = options;
        this.clock = options.clock();
        this.lock = lock;
        this.database = database;
        this.key = key;
        this.status = status;
        this.cipher = key == null ? null : new FieldCipher(key);
        this.blindIndex = key == null ? null : new BlindIndex(key);
        this.audit = key == null ? null : new AuditLog(key, clock, Workstation.name());
        this.autosaver = database == null || database.isReadOnly() ? null
                : new Autosaver(database, clock, options.autosaveDelay().toMillis(), options.autosaveRetry().toMillis(),
                        lastRevision, this::writeWorkingDraft);
        this.backups = key == null ? null : new Backups(layout.databaseFile(), clock, this::fullCheck);
        this.backupTimer = status.health() == Health.OK && options.dailyBackups()
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "io-db-backup");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    // ---------------------------------------------------------------------------------------------
    // Opening, status, closing

    /** Opens the user's store with {@link StoreOptions#defaults()}. Blocking; see the class notes. */
    public static EncounterStore open(AppDirectories directories, KeyEncryptionKeySource keys) {
        return open(directories, keys, StoreOptions.defaults());
    }

    /**
     * Opens (creating on first use) the store in {@code directories}. Fails with
     * {@code storage.error.inUse} when another process has it open, {@code storage.error.keyMissing} or
     * {@code storage.error.keyMismatch} when the key cannot unlock it, {@code storage.error.newerSchema}
     * when a newer MedScribe wrote it. A damaged file does not fail: see {@link #status()}.
     */
    public static EncounterStore open(AppDirectories directories, KeyEncryptionKeySource keys, StoreOptions options) {
        SqliteNatives.prepare(directories);
        StoreLayout layout = StoreLayout.of(directories);
        try {
            AppDirectories.ensurePrivate(layout.databaseDirectory());
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
        Optional<LocationWarning> warning = LocationCheck.check(layout.databaseDirectory());
        warning.ifPresent(w -> LOG.warn("the database is in a risky location ({}: {}); keep it on a local disk",
                w.messageKey(), w.detail()));
        StoreLock lock = StoreLock.acquire(layout.lockFile());
        try {
            EncounterStore store = start(layout, options, lock, keys, warning);
            store.startBackupTimer();
            return store;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EncounterStore start(StoreLayout layout, StoreOptions options, StoreLock lock,
                                        KeyEncryptionKeySource keys, Optional<LocationWarning> warning) {
        Database database;
        try {
            database = Database.open(layout.databaseFile(), new Database.Settings(false, options.maxPageCount()));
        } catch (MedScribeException e) {
            if (!"storage.error.corrupt".equals(e.messageKey())) {
                throw e;
            }
            LOG.error("the database cannot be opened: {}", e.getMessage());
            return damaged(layout, options, lock, keys, warning, "storage.error.corrupt");
        }
        try {
            List<String> quick = database.onWriter(c -> StoreVerifier.integrityCheck(c, "quick_check"));
            if (!(quick.size() == 1 && "ok".equals(quick.get(0)))) {
                LOG.error("quick_check failed at start: {} problem line(s)", quick.size());
                database.close();
                return damaged(layout, options, lock, keys, warning, "storage.error.corrupt");
            }
            int version = database.onWriter(Schema::userVersion);
            if (version > Schema.LATEST) {
                throw new MedScribeException(Category.FAILED, "storage.error.newerSchema", version, Schema.LATEST);
            }
            DataKey key;
            if (version == 0) {
                if (database.onWriter(EncounterStore::tableCount) > 0) {
                    throw new MedScribeException(Category.FAILED, "storage.error.notOurDatabase");
                }
                key = create(database, keys, options.clock());
            } else {
                key = database.onWriter(c -> unwrapKey(c, keys));
                if (version < Schema.LATEST) {
                    migrate(layout, database, key, version, options.clock());
                }
            }
            long lastRevision = database.read(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT coalesce(max(revision), 0) FROM working_drafts")) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
            Map<String, String> pragmas = database.pragmas();
            LOG.info("encounter store open: {}", pragmas);
            StoreStatus status = new StoreStatus(Health.OK, null, Schema.LATEST, pragmas, warning, List.of(),
                    layout.databaseFile());
            EncounterStore store = new EncounterStore(layout, options, lock, database, key, status, lastRevision);
            store.loadIndex();
            return store;
        } catch (MedScribeException e) {
            if ("storage.error.corrupt".equals(e.messageKey())) {
                database.close();
                return damaged(layout, options, lock, keys, warning, "storage.error.corrupt");
            }
            database.close();
            throw e;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** A store that refuses writes and offers the backups; reads work if the damage allows. */
    private static EncounterStore damaged(StoreLayout layout, StoreOptions options, StoreLock lock,
                                          KeyEncryptionKeySource keys, Optional<LocationWarning> warning,
                                          String problemKey) {
        List<BackupInfo> offer = Backups.list(layout.backupDirectory());
        Database readOnly = null;
        DataKey key = null;
        try {
            readOnly = Database.open(layout.databaseFile(), new Database.Settings(true, null));
            key = readOnly.read(c -> unwrapKey(c, keys));
        } catch (RuntimeException unreadable) {
            LOG.warn("the damaged database cannot be read either: {}", unreadable.getMessage());
            if (readOnly != null) {
                readOnly.close();
                readOnly = null;
            }
            key = null;
        }
        StoreStatus status = new StoreStatus(Health.DAMAGED_READ_ONLY, problemKey, -1, Map.of(), warning, offer,
                layout.databaseFile());
        EncounterStore store = new EncounterStore(layout, options, lock, readOnly, key, status, 0);
        if (readOnly != null && key != null) {
            try {
                store.loadIndex();
            } catch (RuntimeException partial) {
                LOG.warn("search index incomplete on the damaged database: {}", partial.getMessage());
            }
        }
        return store;
    }

    private static long tableCount(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static DataKey create(Database database, KeyEncryptionKeySource keys, Clock clock) {
        if (!keys.exists()) {
            keys.create();
        }
        DataKey key = DataKey.generate();
        AuditLog audit = new AuditLog(key, clock, Workstation.name());
        database.write(Durability.FULL, c -> {
            for (int version = 1; version <= Schema.LATEST; version++) {
                Schema.applyStep(c, version);
            }
            insertWrap(c, key, keys, clock);
            audit.append(c, new AuditEvent(Actor.Kind.SYSTEM.name(), null, AuditAction.STORE_CREATED, Outcome.SUCCESS,
                    null, "store", null, "{\"schema_version\":" + Schema.LATEST + "}"));
            return null;
        });
        LOG.info("created a new encounter store (schema {})", Schema.LATEST);
        return key;
    }

    private static void insertWrap(Connection c, DataKey key, KeyEncryptionKeySource keys, Clock clock)
            throws SQLException {
        String parameters = keys.newWrapParameters();
        String keyId = keys.keyId();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO data_key_wraps (key_id, kind, parameters, wrapped, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, keyId);
            insert.setString(2, keys.kind());
            insert.setString(3, parameters);
            insert.setBytes(4, key.wrap(keys.keyEncryptionKey(parameters), keyId));
            insert.setString(5, Timestamps.format(clock.instant()));
            insert.executeUpdate();
        }
    }

    /** Finds the wrap made with {@code keys} and unwraps the data key. */
    static DataKey unwrapKey(Connection c, KeyEncryptionKeySource keys) throws SQLException {
        if (!keys.exists()) {
            throw new MedScribeException(Category.FAILED, "storage.error.keyMissing", "");
        }
        String keyId = keys.keyId();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT parameters, wrapped FROM data_key_wraps WHERE key_id = ? AND kind = ?")) {
            select.setString(1, keyId);
            select.setString(2, keys.kind());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new MedScribeException(Category.FAILED, "storage.error.keyMismatch");
                }
                return DataKey.unwrap(rs.getBytes(2), keys.keyEncryptionKey(rs.getString(1)), keyId);
            }
        }
    }

    private static void migrate(StoreLayout layout, Database database, DataKey key, int from, Clock clock) {
        AuditLog audit = new AuditLog(key, clock, Workstation.name());
        FieldCipher cipher = new FieldCipher(key);
        StoreVerifier verifier = new StoreVerifier(key, cipher, audit);
        Backups backups = new Backups(layout.databaseFile(), clock,
                (c, cancel) -> verifier.verify(c, cancel, ProgressListener.NONE));
        BackupInfo backup = backups.create(layout.backupDirectory(), "pre-migration-v" + from, CancellationToken.none(),
                ProgressListener.NONE);
        LOG.info("backed up schema {} to {} before migrating", from, backup.file().getFileName());
        for (int version = from + 1; version <= Schema.LATEST; version++) {
            int step = version;
            database.write(Durability.FULL, c -> {
                Schema.applyStep(c, step);
                audit.append(c, new AuditEvent(Actor.Kind.SYSTEM.name(), null, AuditAction.SCHEMA_MIGRATED,
                        Outcome.SUCCESS, null, "store", null,
                        "{\"from\":" + (step - 1) + ",\"to\":" + step + "}"));
                return null;
            });
            LOG.info("migrated the encounter store to schema {}", step);
        }
    }

    private void loadIndex() {
        database.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, mrn FROM patients")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    index.putPatient(id, cipher.decrypt("patients", "name", id, rs.getBytes(2)),
                            cipher.decrypt("patients", "mrn", id, rs.getBytes(3)));
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, patient_id, started_at, title, status FROM encounters")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    index.putEncounter(id, rs.getString(2), Timestamps.parse(rs.getString(3)),
                            cipher.decrypt("encounters", "title", id, rs.getBytes(4)),
                            EncounterStatus.valueOf(rs.getString(5)));
                }
            }
            return null;
        });
        LOG.info("search index loaded: {} patients, {} encounters", index.patientCount(), index.encounterCount());
    }

    private void startBackupTimer() {
        if (backupTimer == null) {
            return;
        }
        long hourly = TimeUnit.HOURS.toMillis(1);
        backupTimer.scheduleWithFixedDelay(() -> {
            try {
                backupIfDue(CancellationToken.none());
            } catch (RuntimeException e) {
                LOG.warn("scheduled backup failed: {}", e.getMessage());
            }
        }, TimeUnit.MINUTES.toMillis(2), hourly, TimeUnit.MILLISECONDS);
    }

    /** How the store stands: health, schema, pragmas, a risky-location warning, the restore offer. */
    public StoreStatus status() {
        return status;
    }

    /** The files the store uses. */
    public StoreLayout layout() {
        return layout;
    }

    /**
     * Saves pending autosaves (if the disk lets it), stops the backup timer, closes the database and
     * releases the lock. Blocking; idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (backupTimer != null) {
            backupTimer.shutdownNow();
        }
        if (autosaver != null && autosaver.hasPending()) {
            try {
                autosaver.flushAll();
            } catch (MedScribeException e) {
                LOG.error("closing with unsaved edits ({})", e.messageKey());
            }
        }
        if (database != null) {
            database.close();
        }
        lock.close();
    }

    // ---------------------------------------------------------------------------------------------
    // Clinicians and patients

    public Clinician addClinician(String displayName, String role) {
        requireText(displayName, "storage.error.nameRequired");
        String id = newId();
        writeAudited(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO clinicians (id, display_name, role, active, created_at) VALUES (?, ?, ?, 1, ?)")) {
                insert.setString(1, id);
                insert.setString(2, displayName.strip());
                insert.setString(3, role);
                insert.setString(4, now());
                insert.executeUpdate();
            }
            append(c, Actor.system(), AuditAction.CLINICIAN_ADDED, null, "clinician", id, "{}");
            return null;
        });
        return new Clinician(id, displayName.strip(), role, true);
    }

    public List<Clinician> clinicians() {
        return read(c -> {
            List<Clinician> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, display_name, role, active FROM clinicians ORDER BY created_at")) {
                while (rs.next()) {
                    out.add(new Clinician(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1));
                }
            }
            return out;
        });
    }

    /** Adds a patient; a record number already in use is {@code storage.error.duplicateRecordNumber}. */
    public Patient createPatient(NewPatient patient, Actor actor) {
        requireText(patient.name(), "storage.error.nameRequired");
        String id = newId();
        String createdAt = now();
        String mrn = patient.recordNumber() == null || patient.recordNumber().isBlank() ? null
                : patient.recordNumber().strip();
        writeAudited(c -> {
            byte[] mrnIndex = mrn == null ? null : blindIndex.recordNumber(mrn);
            if (mrnIndex != null) {
                try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM patients WHERE mrn_index = ?")) {
                    find.setBytes(1, mrnIndex);
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            throw new MedScribeException(Category.BAD_INPUT, "storage.error.duplicateRecordNumber");
                        }
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO patients (id, mrn_index, mrn, name, birth_date, sex, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setBytes(2, mrnIndex);
                insert.setBytes(3, cipher.encrypt("patients", "mrn", id, mrn));
                insert.setBytes(4, cipher.encrypt("patients", "name", id, patient.name().strip()));
                insert.setBytes(5, cipher.encrypt("patients", "birth_date", id, patient.birthDate()));
                insert.setBytes(6, cipher.encrypt("patients", "sex", id, patient.sex()));
                insert.setString(7, createdAt);
                insert.setString(8, createdAt);
                insert.executeUpdate();
            }
            append(c, actor, AuditAction.PATIENT_CREATED, id, "patient", id, "{}");
            return null;
        });
        index.putPatient(id, patient.name().strip(), mrn);
        return new Patient(id, patient.name().strip(), mrn, patient.birthDate(), patient.sex(),
                Timestamps.parse(createdAt));
    }

    /** Exact lookup by medical record number through the blind index (spacing, case and dashes ignored). */
    public Optional<Patient> findPatientByRecordNumber(String recordNumber) {
        if (recordNumber == null || recordNumber.isBlank()) {
            return Optional.empty();
        }
        byte[] mrnIndex = requireKey().recordNumber(recordNumber);
        return read(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT id FROM patients WHERE mrn_index = ?")) {
                find.setBytes(1, mrnIndex);
                try (ResultSet rs = find.executeQuery()) {
                    return rs.next() ? Optional.of(loadPatient(c, rs.getString(1))) : Optional.<Patient>empty();
                }
            }
        });
    }

    public Patient patient(String patientId) {
        return read(c -> loadPatient(c, patientId));
    }

    /** Patients whose name contains {@code query} (case- and width-insensitive), searched in memory. */
    public List<Patient> searchPatients(String query, int limit) {
        requireKey();
        List<SearchIndex.PatientEntry> hits = index.searchPatients(query, limit);
        return read(c -> {
            List<Patient> out = new ArrayList<>();
            for (SearchIndex.PatientEntry hit : hits) {
                out.add(loadPatient(c, hit.id()));
            }
            return out;
        });
    }

    private Patient loadPatient(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT mrn, name, birth_date, sex, created_at FROM patients WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", "patient");
                }
                return new Patient(id, cipher.decrypt("patients", "name", id, rs.getBytes(2)),
                        cipher.decrypt("patients", "mrn", id, rs.getBytes(1)),
                        cipher.decrypt("patients", "birth_date", id, rs.getBytes(3)),
                        cipher.decrypt("patients", "sex", id, rs.getBytes(4)), Timestamps.parse(rs.getString(5)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Encounters and sources

    public EncounterSummary createEncounter(String patientId, NewEncounter encounter, Actor actor) {
        String id = newId();
        String createdAt = now();
        Instant started = encounter.startedAt() == null ? clock.instant() : encounter.startedAt();
        writeAudited(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO encounters (id, patient_id, clinician_id, started_at, title, created_at, updated_at, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN')""")) {
                insert.setString(1, id);
                insert.setString(2, patientId);
                insert.setString(3, encounter.clinicianId());
                insert.setString(4, Timestamps.format(started));
                insert.setBytes(5, cipher.encrypt("encounters", "title", id, encounter.title()));
                insert.setString(6, createdAt);
                insert.setString(7, createdAt);
                insert.executeUpdate();
            }
            append(c, actor, AuditAction.ENCOUNTER_CREATED, patientId, "encounter", id, "{}");
            return null;
        });
        Instant startedStored = Timestamps.parse(Timestamps.format(started));
        index.putEncounter(id, patientId, startedStored, encounter.title(), EncounterStatus.OPEN);
        return index.summary(index.encounter(id));
    }

    /** The patient's encounters, newest first. */
    public List<EncounterSummary> encountersOf(String patientId) {
        requireKey();
        return read(c -> {
            List<EncounterSummary> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id FROM encounters WHERE patient_id = ? ORDER BY started_at DESC, id")) {
                select.setString(1, patientId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        SearchIndex.EncounterEntry entry = index.encounter(rs.getString(1));
                        if (entry != null) {
                            out.add(index.summary(entry));
                        }
                    }
                }
            }
            return out;
        });
    }

    /**
     * Encounters matching {@code query}: the patient's name or the encounter's title contains it, or
     * it is a patient's record number (exact, through the blind index). Newest first.
     */
    public List<EncounterSummary> searchEncounters(String query, int limit) {
        BlindIndex blind = requireKey();
        String exactPatient = null;
        if (query != null && !query.isBlank() && !BlindIndex.normaliseRecordNumber(query).isEmpty()) {
            byte[] mrnIndex = blind.recordNumber(query);
            exactPatient = read(c -> {
                try (PreparedStatement find = c.prepareStatement("SELECT id FROM patients WHERE mrn_index = ?")) {
                    find.setBytes(1, mrnIndex);
                    try (ResultSet rs = find.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
        }
        return index.searchEncounters(query, exactPatient, limit);
    }

    /**
     * The {@code limit} most recent encounters (newest start first), for the worklist before the doctor
     * searches: an empty search finds nothing. Served from the in-memory index (no database read);
     * any thread.
     */
    public List<EncounterSummary> recentEncounters(int limit) {
        requireKey();
        return index.recentEncounters(limit);
    }

    public Source addSource(String encounterId, NewSource source, Actor actor) {
        requireText(source.text(), "storage.error.emptySource");
        if (source.fileSha256() != null && !SHA256.matcher(source.fileSha256()).matches()) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.badHash");
        }
        String id = newId();
        String addedAt = now();
        String pages = toJson(source.pages());
        int position = writeAudited(c -> {
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
            append(c, actor, AuditAction.SOURCE_ADDED, patientId, "source", id,
                    "{\"encounter_id\":\"" + encounterId + "\",\"kind\":\"" + source.kind() + "\"}");
            return next;
        });
        return new Source(id, encounterId, position, source.kind(), source.label(), source.text(), source.mediaType(),
                source.fileSha256(), source.pages(), actor.id(), Timestamps.parse(addedAt));
    }

    /**
     * Everything about one encounter in one consistent read. Records an {@code ENCOUNTER_OPENED} audit
     * row for {@code actor} in the background (the read does not wait for it).
     */
    public OpenedEncounter openEncounter(String encounterId, Actor actor) {
        requireKey();
        OpenedEncounter opened = read(c -> {
            SearchIndex.EncounterEntry entry = index.encounter(encounterId);
            String patientId = patientOf(c, encounterId);
            EncounterSummary summary = entry != null ? index.summary(entry) : null;
            Patient patient = loadPatient(c, patientId);
            return new OpenedEncounter(summary, patient, loadSources(c, encounterId), loadWorking(c, encounterId),
                    loadVersions(c, encounterId), loadSuggestions(c, encounterId), loadFindings(c, encounterId),
                    loadSigned(c, encounterId));
        });
        if (!database.isReadOnly() && status.health() == Health.OK) {
            database.schedule(() -> {
                try {
                    database.write(Durability.FULL, c -> {
                        append(c, actor, AuditAction.ENCOUNTER_OPENED, opened.patient().id(), "encounter", encounterId,
                                "{}");
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.warn("could not record an encounter view in the audit log: {}", e.getMessage());
                }
            }, 0);
        }
        return opened;
    }

    private List<Source> loadSources(Connection c, String encounterId) throws SQLException {
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

    // ---------------------------------------------------------------------------------------------
    // Drafts: autosave, versions

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
        requireWritable();
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
        requireWritable();
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
        requireWritable();
        Autosaver.Pending[] written = new Autosaver.Pending[1];
        DraftVersion version = writeAudited(c -> {
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
        requireWritable();
        String canonical = CanonicalJson.canonicalise(draft.contentJson());
        Map<String, SectionOrigin> origins = new LinkedHashMap<>();
        for (String sectionId : sectionIds(canonical)) {
            origins.put(sectionId, SectionOrigin.AI);
        }
        Autosaver.Pending[] written = new Autosaver.Pending[1];
        DraftVersion version = writeAudited(c -> {
            written[0] = writePendingIn(c, encounterId);
            String clinician = clinicianOf(c, encounterId);
            checkpointIn(c, encounterId, clinician == null ? Actor.system() : Actor.clinician(clinician));
            String baseId = currentBaseVersion(c, encounterId);
            DraftVersion created = insertVersion(c, encounterId, DraftKind.AI_GENERATION, baseId, draft.templateId(),
                    draft.templateVersion(), draft.language(), draft.modelProvenanceJson(), draft.parametersJson(),
                    draft.timingsJson(), Actor.ai(null), canonical, origins);
            upsertWorking(c, encounterId, created.id(), canonical, origins, autosaver.nextRevision(), true);
            append(c, Actor.ai(null), AuditAction.DRAFT_GENERATED, patientOf(c, encounterId), "draft_version",
                    created.id(), "{\"template_id\":" + MAPPER.valueToTree(draft.templateId()) + ",\"version_no\":"
                            + created.versionNo() + "}");
            return created;
        });
        autosaver.committed(encounterId, written[0]);
        return version;
    }

    /** The encounter's versions, oldest first, without content. */
    public List<DraftVersion> draftVersions(String encounterId) {
        return read(c -> loadVersions(c, encounterId));
    }

    /** One version with its content. */
    public DraftVersion draftVersion(String versionId) {
        requireKey();
        return read(c -> {
            try (PreparedStatement select = c.prepareStatement(VERSION_COLUMNS + " WHERE id = ?")) {
                select.setString(1, versionId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", "draft_version");
                    }
                    return version(c, rs, true);
                }
            }
        });
    }

    public Optional<WorkingDraft> workingDraft(String encounterId) {
        requireKey();
        return read(c -> loadWorking(c, encounterId));
    }

    private Autosaver.Pending writePendingIn(Connection c, String encounterId) throws SQLException {
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
            upsert.setBytes(3, cipher.encrypt("working_drafts", "content", encounterId, content));
            upsert.setString(4, toJson(new TreeMap<>(origins)));
            upsert.setLong(5, revision);
            upsert.setInt(6, checkpointed ? 1 : 0);
            upsert.setString(7, now());
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
    private DraftVersion checkpointIn(Connection c, String encounterId, Actor author) throws SQLException {
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
                cipher.decrypt("working_drafts", "content", encounterId, contentCipher));
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
            append(c, editor, AuditAction.DRAFT_EDITED, patientOf(c, encounterId), "draft_version", result.id(),
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
        String createdAt = now();
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
            insert.setBytes(14, cipher.encrypt("draft_versions", "content", id, canonicalContent));
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

    private DraftVersion loadVersion(Connection c, String id, boolean withContent) throws SQLException {
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

    private List<DraftVersion> loadVersions(Connection c, String encounterId) throws SQLException {
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
                withContent ? cipher.decrypt("draft_versions", "content", id, rs.getBytes(16)) : null);
    }

    private Optional<WorkingDraft> loadWorking(Connection c, String encounterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT base_version_id, content, origins, revision, checkpointed, saved_at
                FROM working_drafts WHERE encounter_id = ?""")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WorkingDraft(encounterId, rs.getString(1),
                        cipher.decrypt("working_drafts", "content", encounterId, rs.getBytes(2)),
                        fromJson(rs.getString(3), new TypeReference<Map<String, SectionOrigin>>() { }),
                        rs.getLong(4), rs.getInt(5) == 1, Timestamps.parse(rs.getString(6))));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Suggestions and quality findings

    public List<Suggestion> addSuggestions(String encounterId, String draftVersionId, List<NewSuggestion> suggestions) {
        List<Suggestion> out = new ArrayList<>();
        String createdAt = now();
        writeAudited(c -> {
            for (NewSuggestion suggestion : suggestions) {
                String id = newId();
                String content = CanonicalJson.canonicalise(suggestion.contentJson());
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO suggestions (id, encounter_id, draft_version_id, kind, content, model_provenance,
                                                 created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                    insert.setString(1, id);
                    insert.setString(2, encounterId);
                    insert.setString(3, draftVersionId);
                    insert.setString(4, suggestion.kind());
                    insert.setBytes(5, cipher.encrypt("suggestions", "content", id, content));
                    insert.setString(6, canonicalOrNull(suggestion.modelProvenanceJson()));
                    insert.setString(7, createdAt);
                    insert.executeUpdate();
                }
                out.add(new Suggestion(id, encounterId, draftVersionId, suggestion.kind(), content,
                        canonicalOrNull(suggestion.modelProvenanceJson()), Timestamps.parse(createdAt), null, null,
                        null, null));
            }
            append(c, Actor.ai(null), AuditAction.SUGGESTIONS_ADDED, patientOf(c, encounterId), "encounter",
                    encounterId, "{\"count\":" + suggestions.size() + "}");
            return null;
        });
        return out;
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
        writeAudited(c -> {
            String encounterId;
            try (PreparedStatement select = c.prepareStatement("SELECT encounter_id FROM suggestions WHERE id = ?")) {
                select.setString(1, suggestionId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", "suggestion");
                    }
                    encounterId = rs.getString(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO suggestion_decisions (id, suggestion_id, decision, edited_content, clinician_id,
                                                      decided_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, suggestionId);
                insert.setString(3, decision.name());
                insert.setBytes(4, cipher.encrypt("suggestion_decisions", "edited_content", id, edited));
                insert.setString(5, clinicianId);
                insert.setString(6, now());
                insert.executeUpdate();
            }
            append(c, Actor.clinician(clinicianId), AuditAction.SUGGESTION_DECIDED, patientOf(c, encounterId),
                    "suggestion", suggestionId, "{\"decision\":\"" + decision + "\"}");
            return null;
        });
    }

    public List<Suggestion> suggestions(String encounterId) {
        return read(c -> loadSuggestions(c, encounterId));
    }

    private List<Suggestion> loadSuggestions(Connection c, String encounterId) throws SQLException {
        List<Suggestion> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT s.id, s.draft_version_id, s.kind, s.content, s.model_provenance, s.created_at,
                       d.id, d.decision, d.edited_content, d.clinician_id, d.decided_at
                FROM suggestions s
                LEFT JOIN suggestion_decisions d ON d.id = (
                    SELECT id FROM suggestion_decisions WHERE suggestion_id = s.id
                    ORDER BY decided_at DESC, rowid DESC LIMIT 1)
                WHERE s.encounter_id = ? ORDER BY s.created_at, s.rowid""")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String decisionId = rs.getString(7);
                    out.add(new Suggestion(id, encounterId, rs.getString(2), rs.getString(3),
                            cipher.decrypt("suggestions", "content", id, rs.getBytes(4)), rs.getString(5),
                            Timestamps.parse(rs.getString(6)),
                            decisionId == null ? null : Decision.valueOf(rs.getString(8)),
                            decisionId == null ? null
                                    : cipher.decrypt("suggestion_decisions", "edited_content", decisionId, rs.getBytes(9)),
                            rs.getString(10), Timestamps.parse(rs.getString(11))));
                }
            }
        }
        return out;
    }

    public List<QualityFinding> recordFindings(String encounterId, String draftVersionId, List<NewFinding> findings) {
        List<QualityFinding> out = new ArrayList<>();
        String createdAt = now();
        writeAudited(c -> {
            for (NewFinding finding : findings) {
                String id = newId();
                String content = CanonicalJson.canonicalise(finding.contentJson());
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO quality_findings (id, encounter_id, draft_version_id, rule_id, severity, section_id,
                                                      content, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)""")) {
                    insert.setString(1, id);
                    insert.setString(2, encounterId);
                    insert.setString(3, draftVersionId);
                    insert.setString(4, finding.ruleId());
                    insert.setString(5, finding.severity().name());
                    insert.setString(6, finding.sectionId());
                    insert.setBytes(7, cipher.encrypt("quality_findings", "content", id, content));
                    insert.setString(8, createdAt);
                    insert.setString(9, createdAt);
                    insert.executeUpdate();
                }
                out.add(new QualityFinding(id, encounterId, draftVersionId, finding.ruleId(), finding.severity(),
                        finding.sectionId(), content, FindingStatus.OPEN, null, null, Timestamps.parse(createdAt),
                        Timestamps.parse(createdAt)));
            }
            append(c, Actor.system(), AuditAction.FINDINGS_RECORDED, patientOf(c, encounterId), "encounter",
                    encounterId, "{\"count\":" + findings.size() + "}");
            return null;
        });
        return out;
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
        writeAudited(c -> {
            String encounterId;
            try (PreparedStatement select = c.prepareStatement("SELECT encounter_id FROM quality_findings WHERE id = ?")) {
                select.setString(1, findingId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new MedScribeException(Category.BAD_INPUT, "storage.error.notFound", "finding");
                    }
                    encounterId = rs.getString(1);
                }
            }
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE quality_findings SET status = ?, override_reason = ?, decided_by = ?, updated_at = ?
                    WHERE id = ?""")) {
                update.setString(1, status.name());
                update.setBytes(2, cipher.encrypt("quality_findings", "override_reason", findingId, reason));
                update.setString(3, clinicianId);
                update.setString(4, now());
                update.setString(5, findingId);
                update.executeUpdate();
            }
            append(c, Actor.clinician(clinicianId),
                    status == FindingStatus.RESOLVED ? AuditAction.FINDING_RESOLVED : AuditAction.FINDING_OVERRIDDEN,
                    patientOf(c, encounterId), "finding", findingId, "{}");
            return null;
        });
    }

    public List<QualityFinding> findings(String encounterId) {
        return read(c -> loadFindings(c, encounterId));
    }

    private List<QualityFinding> loadFindings(Connection c, String encounterId) throws SQLException {
        List<QualityFinding> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, draft_version_id, rule_id, severity, section_id, content, status, override_reason,
                       decided_by, created_at, updated_at
                FROM quality_findings WHERE encounter_id = ? ORDER BY created_at, rowid""")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.add(new QualityFinding(id, encounterId, rs.getString(2), rs.getString(3),
                            Severity.valueOf(rs.getString(4)), rs.getString(5),
                            cipher.decrypt("quality_findings", "content", id, rs.getBytes(6)),
                            FindingStatus.valueOf(rs.getString(7)),
                            cipher.decrypt("quality_findings", "override_reason", id, rs.getBytes(8)),
                            rs.getString(9), Timestamps.parse(rs.getString(10)), Timestamps.parse(rs.getString(11))));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Signing and amendments

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
        requireWritable();
        Autosaver.Pending[] written = new Autosaver.Pending[1];
        SignedRecord record;
        try {
            record = writeAudited(c -> {
                requireActiveClinician(c, clinicianId);
                written[0] = writePendingIn(c, encounterId);
                DraftVersion version = checkpointIn(c, encounterId, Actor.clinician(clinicianId));
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
        autosaver.committed(encounterId, written[0]);
        index.setStatus(encounterId, record.recordVersion() == 1 ? EncounterStatus.SIGNED : EncounterStatus.AMENDED);
        return record;
    }

    private SignedRecord insertSigned(Connection c, String encounterId, String clinicianId, String reason,
                                      DraftVersion version, SignedRecord latest) throws SQLException {
        String id = newId();
        int recordVersion = latest == null ? 1 : latest.recordVersion() + 1;
        String amendsId = latest == null ? null : latest.id();
        String content = cipher.decrypt("draft_versions", "content", version.id(), contentCipherOf(c, version.id()));
        String provenance = provenance(c, encounterId, version);
        Instant at = clock.instant();
        String signedAt = Timestamps.format(at);
        String offset = AuditLog.offsetAt(clock.getZone(), at);
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
            insert.setBytes(6, cipher.encrypt("signed_records", "content", id, content));
            insert.setString(7, version.contentSha256());
            insert.setString(8, provenance);
            insert.setString(9, clinicianId);
            insert.setString(10, signedAt);
            insert.setString(11, offset);
            insert.setBytes(12, cipher.encrypt("signed_records", "amendment_reason", id, reason));
            insert.setString(13, sealHash);
            insert.setString(14, key.mac("seal:" + sealHash));
            insert.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE encounters SET status = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, recordVersion == 1 ? "SIGNED" : "AMENDED");
            update.setString(2, signedAt);
            update.setString(3, encounterId);
            update.executeUpdate();
        }
        append(c, Actor.clinician(clinicianId), recordVersion == 1 ? AuditAction.RECORD_SIGNED : AuditAction.RECORD_AMENDED,
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
        for (Source source : loadSources(c, encounterId)) {
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
            current = current.basedOn() == null ? null : loadVersion(c, current.basedOn(), false);
        }
        return null;
    }

    private SignedRecord latestSigned(Connection c, String encounterId) throws SQLException {
        List<SignedRecord> all = loadSigned(c, encounterId);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Every signed record and amendment of the encounter, oldest first. */
    public List<SignedRecord> signedRecords(String encounterId) {
        requireKey();
        return read(c -> loadSigned(c, encounterId));
    }

    private List<SignedRecord> loadSigned(Connection c, String encounterId) throws SQLException {
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
                            cipher.decrypt("signed_records", "content", id, rs.getBytes(5)), rs.getString(6),
                            rs.getString(7), rs.getString(8), Timestamps.parse(rs.getString(9)), rs.getString(10),
                            cipher.decrypt("signed_records", "amendment_reason", id, rs.getBytes(11)),
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
            database.write(Durability.FULL, c -> {
                String patientId = null;
                try {
                    patientId = patientOf(c, encounterId);
                } catch (MedScribeException unknownEncounter) {
                    // The refusal is still worth recording without the patient.
                }
                append(c, clinicianId == null ? Actor.system() : new Actor(Actor.Kind.CLINICIAN, clinicianId), action,
                        patientId, "encounter", encounterId, "{\"refused\":\"" + reasonKey + "\"}", Outcome.DENIED);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not record a refused signature: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Audit, verification, key wraps

    /** The newest {@code limit} audit rows, newest first. */
    public List<AuditEntry> auditTrail(int limit) {
        return read(c -> {
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

    /** Full verification of the open database: integrity, audit chain, signed records and versions. */
    public VerificationReport verify(CancellationToken cancel, ProgressListener progress) {
        requireKey();
        return read(c -> new StoreVerifier(key, cipher, audit).verify(c, cancel, progress));
    }

    private VerificationReport fullCheck(Connection c, CancellationToken cancel) throws SQLException {
        return new StoreVerifier(key, cipher, audit).verify(c, cancel, ProgressListener.NONE);
    }

    /**
     * Wraps the data key with one more key source (the seam for per-clinician passphrases): afterwards
     * either source opens the store. Nothing is re-encrypted.
     */
    public void addKeyWrap(KeyEncryptionKeySource source) {
        requireWritable();
        if (!source.exists()) {
            source.create();
        }
        writeAudited(c -> {
            insertWrap(c, key, source, clock);
            return null;
        });
    }

    /**
     * Verifies the database of {@code directories} without opening it for writing (works while the app
     * has it open). A file that cannot be read as a database is {@code storage.error.corrupt}.
     */
    public static VerificationReport verifyDatabase(AppDirectories directories, KeyEncryptionKeySource keys,
                                                    CancellationToken cancel, ProgressListener progress) {
        SqliteNatives.prepare(directories);
        StoreLayout layout = StoreLayout.of(directories);
        if (!Files.isRegularFile(layout.databaseFile())) {
            throw new MedScribeException(Category.FAILED, "storage.error.noDatabase", layout.databaseFile().toString());
        }
        try (Connection c = Backups.connect(layout.databaseFile(), true)) {
            DataKey key = unwrapKey(c, keys);
            return checkerFor(key).verify(c, cancel, progress);
        } catch (SQLException e) {
            throw StorageFailures.translate(e);
        }
    }

    private static StoreVerifier checkerFor(DataKey key) {
        return new StoreVerifier(key, new FieldCipher(key), new AuditLog(key, Clock.systemUTC(), Workstation.name()));
    }

    // ---------------------------------------------------------------------------------------------
    // Backups and restore

    /**
     * Backs the store up now into {@code directory} ({@code null}: the app's backup folder). Refuses
     * with {@code storage.error.backupRefused} when the live database fails verification.
     */
    public BackupInfo backup(Path directory, CancellationToken cancel, ProgressListener progress) {
        return backup(directory, "manual", cancel, progress);
    }

    private BackupInfo backup(Path directory, String kind, CancellationToken cancel, ProgressListener progress) {
        requireWritable();
        Path target = directory == null ? layout.backupDirectory() : directory;
        BackupInfo info;
        try {
            info = backups.create(target, kind, cancel, progress);
        } catch (MedScribeException failure) {
            if (!(failure instanceof org.medscribe.common.CancelledException)) {
                database.write(Durability.FULL, c -> {
                    append(c, Actor.system(), AuditAction.BACKUP_REFUSED, null, "store", null,
                            "{\"reason\":\"" + failure.messageKey() + "\"}", Outcome.FAILURE);
                    return null;
                });
            }
            throw failure;
        }
        database.write(Durability.FULL, c -> {
            append(c, Actor.system(), AuditAction.BACKUP_CREATED, null, "backup", info.file().getFileName().toString(),
                    "{\"sha256\":\"" + info.manifest().sha256() + "\",\"audit_head_seq\":"
                            + info.manifest().auditHeadSeq() + "}");
            return null;
        });
        return info;
    }

    /**
     * Makes the daily backup if the newest is older than {@link StoreOptions#backupInterval()}, then
     * keeps only the newest {@link StoreOptions#keepDailyBackups()}. Returns the new backup, if any.
     */
    public Optional<BackupInfo> backupIfDue(CancellationToken cancel) {
        if (status.health() != Health.OK || closed) {
            return Optional.empty();
        }
        List<BackupInfo> daily = Backups.list(layout.backupDirectory()).stream()
                .filter(b -> "daily".equals(b.manifest().kind())).toList();
        if (!daily.isEmpty()) {
            Instant newest = Timestamps.parse(daily.get(0).manifest().createdAt());
            if (newest.plus(options.backupInterval()).isAfter(clock.instant())) {
                return Optional.empty();
            }
        }
        BackupInfo info = backup(layout.backupDirectory(), "daily", cancel, ProgressListener.NONE);
        Backups.prune(layout.backupDirectory(), "daily", options.keepDailyBackups());
        return Optional.of(info);
    }

    /** Complete backups in the app's backup folder, newest first. */
    public List<BackupInfo> backups() {
        return Backups.list(layout.backupDirectory());
    }

    /**
     * Replaces the database of {@code directories} with {@code backup} after verifying the backup
     * against its manifest (hash, integrity, audit chain, signed records, row counts, audit head).
     * The replaced files are moved to {@code data/replaced-<time>/}, never deleted. The store must be
     * closed ({@code storage.error.inUse} otherwise). Blocking.
     */
    public static BackupManifest restore(AppDirectories directories, KeyEncryptionKeySource keys, Path backup,
                                         CancellationToken cancel, ProgressListener progress) {
        SqliteNatives.prepare(directories);
        StoreLayout layout = StoreLayout.of(directories);
        // A missing file or manifest is the user's input, before any lock or connection.
        Backups.readManifest(backup);
        BackupManifest manifest;
        try (StoreLock lock = StoreLock.acquire(prepareLockDirectory(layout))) {
            progress.progress("storage.phase.verifying", 0.0);
            DataKey key;
            try (Connection c = Backups.connect(backup, true)) {
                key = unwrapKey(c, keys);
            } catch (SQLException e) {
                throw StorageFailures.translate(e);
            }
            StoreVerifier checker = checkerFor(key);
            manifest = Backups.verifyBackup(backup, (c, t) -> checker.verify(c, t, ProgressListener.NONE), cancel);
            cancel.throwIfCancelled();
            progress.progress("storage.phase.restoring", 0.6);
            try {
                Path aside = layout.databaseDirectory().resolve("replaced-" + ASIDE_TIME.format(Instant.now()));
                for (Path file : List.of(layout.databaseFile(), layout.walFile(), layout.sharedMemoryFile())) {
                    if (Files.exists(file)) {
                        Files.createDirectories(aside);
                        Files.move(file, aside.resolve(file.getFileName()));
                    }
                }
                Path restoring = layout.databaseDirectory().resolve(StoreLayout.DATABASE_NAME + ".restoring");
                Files.copy(backup, restoring, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Backups.force(restoring);
                Backups.move(restoring, layout.databaseFile());
                Backups.forceDirectory(layout.databaseDirectory());
            } catch (IOException e) {
                throw StorageFailures.translate(e);
            }
        }
        progress.progress("storage.phase.restoring", 0.9);
        try (EncounterStore store = open(directories, keys, StoreOptions.defaults().withDailyBackups(false, 0))) {
            store.database.write(Durability.FULL, c -> {
                store.append(c, Actor.system(), AuditAction.RESTORED, null, "backup", backup.getFileName().toString(),
                        "{\"sha256\":\"" + manifest.sha256() + "\",\"audit_head_seq\":" + manifest.auditHeadSeq()
                                + "}");
                return null;
            });
        }
        progress.progress("storage.phase.restoring", 1.0);
        LOG.info("restored the encounter store from {}", backup.getFileName());
        return manifest;
    }

    private static Path prepareLockDirectory(StoreLayout layout) {
        try {
            AppDirectories.ensurePrivate(layout.databaseDirectory());
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
        return layout.lockFile();
    }

    // ---------------------------------------------------------------------------------------------
    // Plumbing

    private <T> T writeAudited(org.medscribe.storage.db.SqlWork<T> work) {
        requireWritable();
        return database.write(Durability.FULL, work);
    }

    private <T> T read(org.medscribe.storage.db.SqlWork<T> work) {
        if (database == null || key == null) {
            throw new MedScribeException(Category.FAILED, "storage.error.corrupt");
        }
        return database.read(work);
    }

    private void requireWritable() {
        if (closed) {
            throw new MedScribeException(Category.FAILED, "storage.error.closed");
        }
        if (status.health() != Health.OK || database == null || database.isReadOnly()) {
            throw new MedScribeException(Category.FAILED, "storage.error.readOnly");
        }
    }

    private BlindIndex requireKey() {
        if (key == null) {
            throw new MedScribeException(Category.FAILED, "storage.error.corrupt");
        }
        return blindIndex;
    }

    private void append(Connection c, Actor actor, AuditAction action, String patientId, String objectType,
                        String objectId, String detailJson) throws SQLException {
        append(c, actor, action, patientId, objectType, objectId, detailJson, Outcome.SUCCESS);
    }

    private void append(Connection c, Actor actor, AuditAction action, String patientId, String objectType,
                        String objectId, String detailJson, Outcome outcome) throws SQLException {
        audit.append(c, new AuditEvent(actor.kind().name(), actor.id(), action, outcome, patientId, objectType,
                objectId, detailJson));
    }

    private static String patientOf(Connection c, String encounterId) throws SQLException {
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

    private static String clinicianOf(Connection c, String encounterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT clinician_id FROM encounters WHERE id = ?")) {
            select.setString(1, encounterId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static void requireText(String text, String key) {
        if (text == null || text.isBlank()) {
            throw new MedScribeException(Category.BAD_INPUT, key);
        }
    }

    private static String canonicalOrNull(String json) {
        return json == null || json.isBlank() ? null : CanonicalJson.canonicalise(json);
    }

    private static List<String> sectionIds(String canonicalContent) {
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

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "storage.error.notJson");
        }
    }

    private static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MedScribeException(Category.FAILED, e, "storage.error.corrupt");
        }
    }

    /** Exposed to the benchmark in this package. */
    Database database() {
        return database;
    }

    FieldCipher cipher() {
        return cipher;
    }

    BlindIndex blindIndex() {
        return blindIndex;
    }

    AuditLog auditLog() {
        return audit;
    }

    SearchIndex searchIndex() {
        return index;
    }

    StoreVerifier verifier() {
        return new StoreVerifier(key, cipher, audit);
    }
}
