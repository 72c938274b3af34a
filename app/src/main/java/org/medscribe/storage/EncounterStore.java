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
import org.medscribe.storage.audit.AuditAnchor;
import org.medscribe.storage.audit.AuditChainReport;
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
    private final KeyEncryptionKeySource keys;
    private final ScheduledExecutorService backupTimer;

    private EncounterStore(StoreLayout layout, StoreOptions options, StoreLock lock, Database database, DataKey key,
                           KeyEncryptionKeySource keys, StoreStatus status, long lastRevision, SearchIndex index) {
        this.layout = layout;
        this.keys = keys;
        this.options = options;
        this.clock = options.clock();
        this.lock = lock;
        this.context = new StoreContext(database, key, clock, status, index);
        this.patients = new Patients(context);
        this.sources = new Sources(context);
        this.drafts = new Drafts(context, options, lastRevision);
        this.suggestions = new Suggestions(context);
        this.findings = new Findings(context);
        this.signedRecords = new SignedRecords(context, drafts, sources);
        this.cosignatures = new Cosignatures(context, signedRecords);
        this.encounters = new Encounters(context, patients, sources, drafts, suggestions, findings, signedRecords);
        this.auditTrail = new AuditTrail(context);
        this.backups = key == null ? null : new Backups(layout.databaseFile(), clock, this::fullCheck, key);
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
     * when a newer MedScribe wrote it, {@code storage.error.databaseLost} when the database is missing
     * beside the files a restore replaced (no new, empty store is created over a lost one). A restore
     * a crash interrupted is finished or undone first. A damaged file does not fail: see {@link #status()}.
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
        Optional<StoreRestore.Journal> restored = StoreRestore.recover(layout);
        StoreRestore.refuseLostDatabase(layout);
        if (isEmptyFile(layout.databaseFile())) {
            if (!Backups.list(layout.backupDirectory()).isEmpty()) {
                // Cut off to nothing while backups exist: not a new store to create over it.
                LOG.error("the database file is empty (0 bytes)");
                return damaged(layout, options, lock, keys, warning, "storage.error.emptyDatabase", List.of());
            }
            LOG.warn("the database file is empty (0 bytes) and there is no backup; creating the store in it");
        }
        Database database;
        try {
            database = Database.open(layout.databaseFile(), new Database.Settings(false, options.maxPageCount()));
        } catch (MedScribeException e) {
            if (!"storage.error.corrupt".equals(e.messageKey())) {
                throw e;
            }
            LOG.error("the database cannot be opened: {}", e.getMessage());
            return damaged(layout, options, lock, keys, warning, "storage.error.corrupt", List.of());
        }
        try {
            restrictDatabaseFiles(layout);
            List<String> quick = database.onWriter(c -> StoreVerifier.integrityCheck(c, "quick_check"));
            if (!(quick.size() == 1 && "ok".equals(quick.get(0)))) {
                LOG.error("quick_check failed at start: {} problem line(s)", quick.size());
                database.close();
                return damaged(layout, options, lock, keys, warning, "storage.error.corrupt", List.of());
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
                if (restored.isPresent()) {
                    // A restore a crash interrupted after its swap: its anchor move is finished here.
                    database.onWriter(c -> {
                        StoreRestore.finish(layout, restored.get(), key, c);
                        return null;
                    });
                }
                // Before anything is appended: a rolled-back history must not be written over.
                AuditAnchor.Snapshot anchor = new AuditAnchor(layout.anchorFile(), key).read();
                List<AuditChainReport.Problem> anchored = database.onWriter(c -> AuditAnchor.check(c, anchor));
                if (!anchored.isEmpty()) {
                    LOG.error("the audit log does not match its anchor ({}); opening read-only", anchored.get(0).messageKey());
                    database.close();
                    return damaged(layout, options, lock, keys, warning, "storage.error.historyAltered", List.of());
                }
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
            SearchIndex index = new SearchIndex();
            List<VerificationReport.Problem> unreadable = index.load(database, new FieldCipher(key));
            if (!unreadable.isEmpty()) {
                LOG.error("{} row(s) fail their integrity check; opening read-only", unreadable.size());
                database.close();
                return damaged(layout, options, lock, keys, warning, "storage.error.damagedRows", unreadable);
            }
            StoreStatus status = new StoreStatus(Health.OK, null, Schema.LATEST, pragmas, warning, List.of(),
                    layout.databaseFile(), List.of());
            return new EncounterStore(layout, options, lock, database, key, keys, status, lastRevision, index);
        } catch (RuntimeException e) {
            database.close();
            if (e instanceof MedScribeException failure && "storage.error.corrupt".equals(failure.messageKey())) {
                return damaged(layout, options, lock, keys, warning, "storage.error.corrupt", List.of());
            }
            throw e;
        }
    }

    /**
     * A store that refuses writes and offers the backups; reads work if the damage allows, and rows
     * that fail to decrypt are left out of the search and named in the status.
     */
    private static EncounterStore damaged(StoreLayout layout, StoreOptions options, StoreLock lock,
                                          KeyEncryptionKeySource keys, Optional<LocationWarning> warning,
                                          String problemKey, List<VerificationReport.Problem> damagedRows) {
        List<BackupInfo> offer = Backups.list(layout.backupDirectory(), backupKeys(keys));
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
        SearchIndex index = new SearchIndex();
        if (readOnly != null && key != null) {
            try {
                index.load(readOnly, new FieldCipher(key));
            } catch (RuntimeException partial) {
                LOG.warn("search index incomplete on the damaged database: {}", partial.getMessage());
            }
        }
        StoreStatus status = new StoreStatus(Health.DAMAGED_READ_ONLY, problemKey, -1, Map.of(), warning, offer,
                layout.databaseFile(), List.copyOf(damagedRows));
        return new EncounterStore(layout, options, lock, readOnly, key, keys, status, 0, index);
    }

    private static boolean isEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
    }

    /** 0600 for the database and the files SQLite keeps beside it (they take the database's mode). */
    private static void restrictDatabaseFiles(StoreLayout layout) {
        try {
            for (Path file : List.of(layout.databaseFile(), layout.walFile(), layout.sharedMemoryFile())) {
                if (Files.exists(file)) {
                    PrivateFiles.restrict(file);
                }
            }
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
    }

    /**
     * Fails unless there is a database to read: {@code storage.error.databaseLost} when it is missing
     * beside a replaced one, {@code storage.error.noDatabase} when there is none yet,
     * {@code storage.error.emptyDatabase} when the file is empty. For commands that must never create one.
     */
    public static void requireExistingDatabase(StoreLayout layout) {
        StoreRestore.refuseLostDatabase(layout);
        if (!Files.isRegularFile(layout.databaseFile())) {
            throw new MedScribeException(Category.FAILED, "storage.error.noDatabase", layout.databaseFile().toString());
        }
        if (isEmptyFile(layout.databaseFile())) {
            throw new MedScribeException(Category.FAILED, "storage.error.emptyDatabase");
        }
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
            // Before the commit: if it fails, the next start creates the store again and resets the anchor.
            resetAnchor(database, key, audit.takeAppended());
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
                (c, cancel) -> verifier.verify(c, cancel, ProgressListener.NONE), key);
        BackupInfo backup = backups.create(layout.backupDirectory(), "pre-migration-v" + from, CancellationToken.none(),
                ProgressListener.NONE);
        LOG.info("backed up schema {} to {} before migrating", from, backup.file().getFileName());
        for (int version = from + 1; version <= Schema.LATEST; version++) {
            int step = version;
            AuditAnchor.Mark head = database.write(Durability.FULL, c -> {
                Schema.applyStep(c, step);
                if (step == RowSeals.SINCE_SCHEMA) {
                    RowSeals.sealAll(c, key);
                }
                audit.append(c, new AuditEvent(Actor.Kind.SYSTEM.name(), null, AuditAction.SCHEMA_MIGRATED,
                        Outcome.SUCCESS, null, "store", null,
                        "{\"from\":" + (step - 1) + ",\"to\":" + step + "}"));
                AuditAnchor.Mark appended = audit.takeAppended();
                if (from < AuditAnchor.SINCE_SCHEMA && step == Schema.LATEST) {
                    // The first anchor: written before the commit, as for a new store.
                    resetAnchor(database, key, appended);
                }
                return appended;
            });
            if (from >= AuditAnchor.SINCE_SCHEMA) {
                resetAnchor(database, key, head);
            }
            LOG.info("migrated the encounter store to schema {}", step);
        }
    }

    private static void resetAnchor(Database database, DataKey key, AuditAnchor.Mark head) {
        try {
            new AuditAnchor(AuditAnchor.besides(database.file()), key).reset(head);
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
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


    /**
     * Full verification of the open database: integrity, triggers, audit chain and anchor, signed
     * records and versions against the audit, every encrypted field, row MACs.
     */
    public VerificationReport verify(CancellationToken cancel, ProgressListener progress) {
        context.requireKey();
        AuditAnchor.Snapshot anchor = new AuditAnchor(layout.anchorFile(), context.key).read();
        return context.read(c -> verifier().verify(c, cancel, progress, anchor));
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
        requireExistingDatabase(layout);
        try (Connection c = Backups.connect(layout.databaseFile(), true)) {
            DataKey key = KeyWraps.unwrap(c, keys);
            // The anchor is read before the audit rows, so it is never ahead of what verify reads.
            AuditAnchor.Snapshot anchor = new AuditAnchor(layout.anchorFile(), key).read();
            return checkerFor(key).verify(c, cancel, progress, anchor);
        } catch (SQLException e) {
            throw StorageFailures.translate(e);
        }
    }

    /**
     * The backups in the app's backup folder whose manifest's seal does not verify with the data key
     * kept in the backup (unwrapped with {@code keys}): edited backups or manifests. Read-only.
     */
    public static List<Path> backupsWithForgedManifests(StoreLayout layout, KeyEncryptionKeySource keys) {
        SqliteNatives.prepare(layout.nativesDirectory());
        List<BackupInfo> trusted = Backups.list(layout.backupDirectory(), backupKeys(keys));
        return Backups.list(layout.backupDirectory()).stream().map(BackupInfo::file)
                .filter(file -> trusted.stream().noneMatch(b -> b.file().equals(file))).toList();
    }

    /** Each backup's own data key, unwrapped with {@code keys}: a manifest is sealed with it. */
    static Backups.KeyOfBackup backupKeys(KeyEncryptionKeySource keys) {
        return backup -> {
            try (Connection c = Backups.connect(backup, true)) {
                return KeyWraps.unwrap(c, keys);
            }
        };
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
        if (directory == null) {
            try {
                PrivateFiles.directory(target);
            } catch (IOException e) {
                throw StorageFailures.translate(e);
            }
        }
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

    /**
     * Complete backups in the app's backup folder whose manifest's seal verifies (or that predate
     * sealing), newest first.
     */
    public List<BackupInfo> backups() {
        return Backups.list(layout.backupDirectory(), backupKeys(keys));
    }

    /** {@link #restore(StoreLayout, KeyEncryptionKeySource, Path, boolean, CancellationToken, ProgressListener)} of a sealed backup. */
    public static BackupManifest restore(StoreLayout layout, KeyEncryptionKeySource keys, Path backup,
                                         CancellationToken cancel, ProgressListener progress) {
        return restore(layout, keys, backup, false, cancel, progress);
    }

    /**
     * Replaces the database laid out by {@code layout} with {@code backup} after checking its
     * manifest's seal and verifying a copy of it against the manifest (size, hash, integrity, audit
     * chain, signed records, row counts, audit head). Crash-atomic (see {@link StoreRestore}): the
     * replaced files are moved to {@code data/replaced-<time>/}, never deleted, and only once the
     * verified copy is ready. The store must be closed ({@code storage.error.inUse} otherwise). Blocking.
     *
     * @param acceptUnsealed restore a backup whose manifest predates sealing
     *                       ({@code storage.error.manifestUnsealed} otherwise)
     */
    public static BackupManifest restore(StoreLayout layout, KeyEncryptionKeySource keys, Path backup,
                                         boolean acceptUnsealed, CancellationToken cancel, ProgressListener progress) {
        return restore(layout, keys, backup, acceptUnsealed, cancel, progress, StoreRestore.Steps.NONE);
    }

    static BackupManifest restore(StoreLayout layout, KeyEncryptionKeySource keys, Path backup, boolean acceptUnsealed,
                                  CancellationToken cancel, ProgressListener progress, StoreRestore.Steps steps) {
        SqliteNatives.prepare(layout.nativesDirectory());
        // A missing file or manifest is the user's input, before any lock or connection.
        Backups.readManifest(backup);
        try (StoreLock lock = StoreLock.acquire(prepareLockDirectory(layout))) {
            return StoreRestore.restore(layout, keys, backup, acceptUnsealed, cancel, progress, steps);
        }
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

    void seal(Connection c, String table, String id) throws SQLException {
        context.seal(c, table, id);
    }

    StoreVerifier verifier() {
        return new StoreVerifier(context.key, context.cipher, context.audit);
    }
}
