package org.medscribe.storage;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.PrivateFiles;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.LocationCheck.LocationWarning;
import org.medscribe.storage.StoreStatus.Health;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.audit.AuditEvent;
import org.medscribe.storage.audit.AuditEvent.Outcome;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.backup.BackupManifest;
import org.medscribe.storage.backup.Backups;
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
 * with patient text encrypted per column. This class owns the lifecycle (opening, health, backups,
 * verification, closing); the data is read and written through its repositories
 * ({@link #patients()}, {@link #encounters()}, {@link #sources()}, {@link #drafts()},
 * {@link #suggestions()}, {@link #findings()}, {@link #signedRecords()}, {@link #auditTrail()}),
 * which share one {@link StoreContext}.
 *
 * <h2>Threading</h2>
 * Every write runs on the store's single writer thread ({@code io-db-writer}); the calling thread
 * blocks until it has committed. Reads run on the calling thread with a pooled read-only connection.
 * So call every method from a background ({@code io}) thread, never the JavaFX thread, except
 * {@link Drafts#autosave}, which only records the edit in memory and returns at once. Listeners are
 * called on the writer thread.
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
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final StoreLayout layout;
    private final StoreOptions options;
    private final Clock clock;
    private final StoreLock lock;
    private final StoreContext context;
    private final Patients patients;
    private final Sources sources;
    private final Drafts drafts;
    private final Suggestions suggestions;
    private final Findings findings;
    private final SignedRecords signedRecords;
    private final Cosignatures cosignatures;
    private final Encounters encounters;
    private final AuditTrail auditTrail;
    private final Backups backups;
    private final ScheduledExecutorService backupTimer;

    private EncounterStore(StoreLayout layout, StoreOptions options, StoreLock lock, Database database, DataKey key,
                           StoreStatus status, long lastRevision) {
        this.layout = layout;
        this.options = options;
        this.clock = options.clock();
        this.lock = lock;
        this.context = new StoreContext(database, key, clock, status);
        this.patients = new Patients(context);
        this.sources = new Sources(context);
        this.drafts = new Drafts(context, options, lastRevision);
        this.suggestions = new Suggestions(context);
        this.findings = new Findings(context);
        this.signedRecords = new SignedRecords(context, drafts, sources);
        this.cosignatures = new Cosignatures(context, signedRecords);
        this.encounters = new Encounters(context, patients, sources, drafts, suggestions, findings, signedRecords);
        this.auditTrail = new AuditTrail(context);
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
    public static EncounterStore open(StoreLayout layout, KeyEncryptionKeySource keys) {
        return open(layout, keys, StoreOptions.defaults());
    }

    /**
     * Opens (creating on first use) the store laid out by {@code layout}. Fails with
     * {@code storage.error.inUse} when another process has it open, {@code storage.error.keyMissing} or
     * {@code storage.error.keyMismatch} when the key cannot unlock it, {@code storage.error.newerSchema}
     * when a newer MedScribe wrote it. A damaged file does not fail: see {@link #status()}.
     */
    public static EncounterStore open(StoreLayout layout, KeyEncryptionKeySource keys, StoreOptions options) {
        SqliteNatives.prepare(layout.nativesDirectory());
        try {
            PrivateFiles.directory(layout.databaseDirectory());
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
                key = database.onWriter(c -> KeyWraps.unwrap(c, keys));
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
            key = readOnly.read(c -> KeyWraps.unwrap(c, keys));
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
            KeyWraps.insert(c, key, keys, clock);
            audit.append(c, new AuditEvent(Actor.Kind.SYSTEM.name(), null, AuditAction.STORE_CREATED, Outcome.SUCCESS,
                    null, "store", null, "{\"schema_version\":" + Schema.LATEST + "}"));
            return null;
        });
        LOG.info("created a new encounter store (schema {})", Schema.LATEST);
        return key;
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
        context.database.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, mrn, sex, birth_date FROM patients")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    context.index.putPatient(id, context.cipher.decrypt("patients", "name", id, rs.getBytes(2)),
                            context.cipher.decrypt("patients", "mrn", id, rs.getBytes(3)),
                            context.cipher.decrypt("patients", "sex", id, rs.getBytes(4)),
                            context.cipher.decrypt("patients", "birth_date", id, rs.getBytes(5)));
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, patient_id, started_at, title, status, visit_type, "
                         + "visit_date, patient_age FROM encounters")) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    context.index.putEncounter(id, rs.getString(2), Timestamps.parse(rs.getString(3)),
                            context.cipher.decrypt("encounters", "title", id, rs.getBytes(4)),
                            EncounterStatus.valueOf(rs.getString(5)),
                            rs.getString(6) == null ? null : VisitType.valueOf(rs.getString(6)),
                            rs.getString(7) == null ? null : java.time.LocalDate.parse(rs.getString(7)),
                            context.cipher.decrypt("encounters", "patient_age", id, rs.getBytes(8)));
                }
            }
            for (String awaiting : Cosignatures.awaiting(c)) {
                context.index.setStatus(awaiting, EncounterStatus.AWAITING_COSIGNATURE);
            }
            return null;
        });
        LOG.info("search index loaded: {} patients, {} encounters", context.index.patientCount(), context.index.encounterCount());
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
        return context.status;
    }

    /** Clinicians and patients. */
    public Patients patients() {
        return patients;
    }

    /** Encounters: creating, listing, searching, opening. */
    public Encounters encounters() {
        return encounters;
    }

    /** The sources of encounters' drafts. */
    public Sources sources() {
        return sources;
    }

    /** Working drafts, autosave and draft versions. */
    public Drafts drafts() {
        return drafts;
    }

    /** Suggestions and the clinician's decisions on them. */
    public Suggestions suggestions() {
        return suggestions;
    }

    /** Quality findings. */
    public Findings findings() {
        return findings;
    }

    /** Signing and amendments. */
    public SignedRecords signedRecords() {
        return signedRecords;
    }

    /** Co-signature requests and co-signatures of signed records. */
    public Cosignatures cosignatures() {
        return cosignatures;
    }

    /** The audit log as people read it. */
    public AuditTrail auditTrail() {
        return auditTrail;
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
        if (context.isClosed()) {
            return;
        }
        context.markClosed();
        if (backupTimer != null) {
            backupTimer.shutdownNow();
        }
        drafts.saveBeforeClose();
        if (context.database != null) {
            context.database.close();
        }
        lock.close();
    }


    /** Full verification of the open database: integrity, audit chain, signed records and versions. */
    public VerificationReport verify(CancellationToken cancel, ProgressListener progress) {
        context.requireKey();
        return context.read(c -> new StoreVerifier(context.key, context.cipher, context.audit).verify(c, cancel, progress));
    }

    private VerificationReport fullCheck(Connection c, CancellationToken cancel) throws SQLException {
        return new StoreVerifier(context.key, context.cipher, context.audit).verify(c, cancel, ProgressListener.NONE);
    }

    /**
     * Wraps the data key with one more key source (the seam for per-clinician passphrases): afterwards
     * either source opens the store. Nothing is re-encrypted.
     */
    public void addKeyWrap(KeyEncryptionKeySource source) {
        context.requireWritable();
        if (!source.exists()) {
            source.create();
        }
        context.writeAudited(c -> {
            KeyWraps.insert(c, context.key, source, clock);
            return null;
        });
    }

    /**
     * Verifies the database laid out by {@code layout} without opening it for writing (works while the app
     * has it open). A file that cannot be read as a database is {@code storage.error.corrupt}.
     */
    public static VerificationReport verifyDatabase(StoreLayout layout, KeyEncryptionKeySource keys,
                                                    CancellationToken cancel, ProgressListener progress) {
        SqliteNatives.prepare(layout.nativesDirectory());
        if (!Files.isRegularFile(layout.databaseFile())) {
            throw new MedScribeException(Category.FAILED, "storage.error.noDatabase", layout.databaseFile().toString());
        }
        try (Connection c = Backups.connect(layout.databaseFile(), true)) {
            DataKey key = KeyWraps.unwrap(c, keys);
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
        context.requireWritable();
        Path target = directory == null ? layout.backupDirectory() : directory;
        Database database = context.database;
        BackupInfo info;
        try {
            info = backups.create(target, kind, cancel, progress);
        } catch (MedScribeException failure) {
            if (!(failure instanceof org.medscribe.common.CancelledException)) {
                context.database.write(Durability.FULL, c -> {
                    context.append(c, Actor.system(), AuditAction.BACKUP_REFUSED, null, "store", null,
                            "{\"reason\":\"" + failure.messageKey() + "\"}", Outcome.FAILURE);
                    return null;
                });
            }
            throw failure;
        }
        database.write(Durability.FULL, c -> {
            context.append(c, Actor.system(), AuditAction.BACKUP_CREATED, null, "backup", info.file().getFileName().toString(),
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
        if (context.status.health() != Health.OK || context.isClosed()) {
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
     * Replaces the database laid out by {@code layout} with {@code backup} after verifying the backup
     * against its manifest (hash, integrity, audit chain, signed records, row counts, audit head).
     * The replaced files are moved to {@code data/replaced-<time>/}, never deleted. The store must be
     * closed ({@code storage.error.inUse} otherwise). Blocking.
     */
    public static BackupManifest restore(StoreLayout layout, KeyEncryptionKeySource keys, Path backup,
                                         CancellationToken cancel, ProgressListener progress) {
        SqliteNatives.prepare(layout.nativesDirectory());
        // A missing file or manifest is the user's input, before any lock or connection.
        Backups.readManifest(backup);
        BackupManifest manifest;
        try (StoreLock lock = StoreLock.acquire(prepareLockDirectory(layout))) {
            progress.progress("storage.phase.verifying", 0.0);
            DataKey key;
            try (Connection c = Backups.connect(backup, true)) {
                key = KeyWraps.unwrap(c, keys);
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
        try (EncounterStore store = open(layout, keys, StoreOptions.defaults().withDailyBackups(false, 0))) {
            store.context.database.write(Durability.FULL, c -> {
                store.context.append(c, Actor.system(), AuditAction.RESTORED, null, "backup", backup.getFileName().toString(),
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
            PrivateFiles.directory(layout.databaseDirectory());
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
        return layout.lockFile();
    }

    // ---------------------------------------------------------------------------------------------
    // Plumbing

    /** Exposed to the benchmark in this package. */
    Database database() {
        return context.database;
    }

    FieldCipher cipher() {
        return context.cipher;
    }

    BlindIndex blindIndex() {
        return context.blindIndex;
    }

    AuditLog auditLog() {
        return context.audit;
    }

    SearchIndex searchIndex() {
        return context.index;
    }

    StoreVerifier verifier() {
        return new StoreVerifier(context.key, context.cipher, context.audit);
    }
}
