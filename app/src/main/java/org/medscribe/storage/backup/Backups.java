package org.medscribe.storage.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.medscribe.common.PrivateFiles;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.Timestamps;
import org.medscribe.storage.VerificationReport;
import org.medscribe.storage.audit.AuditChainReport;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.db.Schema;
import org.medscribe.storage.db.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Makes and checks backups of the encounter database: verify the live database (integrity, audit
 * chain, signed records) → {@code VACUUM INTO} a {@code .partial} file → verify the copy → fsync →
 * SHA-256 → atomic rename → manifest sealed with a key derived from the data key (written last, so a
 * backup without a manifest is never used; the copy an interrupted backup leaves without one is
 * removed by the next backup). Files are 0600 and a directory this class creates 0700, whatever the
 * umask.
 *
 * <p>Threading: blocking; call from an io thread. One backup at a time per instance. The live
 * database is read through its own connection, so autosaves continue while a backup runs.
 */
public final class Backups {

    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    public static final String MANIFEST_SUFFIX = ".manifest.json";
    public static final String PARTIAL_SUFFIX = ".partial";
    /** The name {@link #create} gives a copy: {@code <kind>-<utc time>.db}. */
    private static final Pattern BACKUP_NAME = Pattern.compile("[a-z0-9-]+-\\d{8}-\\d{6}-\\d{3}\\.db");

    private final Path liveDatabase;
    private final Clock clock;
    private final DatabaseCheck check;
    private final DataKey key;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    /** @param key the store's data key: the manifests are sealed with a key derived from it */
    public Backups(Path liveDatabase, Clock clock, DatabaseCheck check, DataKey key) {
        this.liveDatabase = liveDatabase;
        this.clock = clock;
        this.check = check;
        this.key = key;
    }

    /**
     * Backs the live database up into {@code directory} as {@code <kind>-<utc time>.db}. Refuses (and
     * writes nothing) when the live database fails verification: a backup must never replace good
     * backups with a damaged copy.
     */
    public BackupInfo create(Path directory, String kind, CancellationToken cancel, ProgressListener progress) {
        oneAtATime.lock();
        try {
            if (!Files.isDirectory(directory)) {
                PrivateFiles.directory(directory);
            }
            removeLeftovers(directory);
            String base = kind + "-" + NAME_TIME.format(clock.instant());
            Path partial = directory.resolve(base + ".db" + PARTIAL_SUFFIX);
            Path target = directory.resolve(base + ".db");
            Path manifestPartial = directory.resolve(base + MANIFEST_SUFFIX + PARTIAL_SUFFIX);
            Path manifestTarget = directory.resolve(base + MANIFEST_SUFFIX);
            progress.progress("storage.phase.checking", 0.0);
            try (Connection live = connect(liveDatabase, false)) {
                VerificationReport report = check.check(live, cancel);
                if (!report.ok()) {
                    throw new MedScribeException(Category.FAILED, "storage.error.backupRefused",
                            report.firstProblemKey());
                }
                cancel.throwIfCancelled();
                progress.progress("storage.phase.copying", 0.4);
                try (Statement statement = live.createStatement()) {
                    Runnable remove = cancel.onCancel(() -> cancelQuietly(statement));
                    try {
                        statement.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
                    } finally {
                        remove.run();
                    }
                }
            }
            cancel.throwIfCancelled();
            progress.progress("storage.phase.verifying", 0.7);
            restrict(partial);
            BackupManifest manifest = describe(partial, kind, cancel);
            force(partial);
            move(partial, target);
            manifest = ManifestSeal.seal(manifest.naming(target.getFileName().toString()), key);
            Files.deleteIfExists(manifestPartial);
            Files.createFile(manifestPartial);
            restrict(manifestPartial);
            MAPPER.writeValue(manifestPartial.toFile(), manifest);
            force(manifestPartial);
            move(manifestPartial, manifestTarget);
            forceDirectory(directory);
            progress.progress("storage.phase.verifying", 1.0);
            LOG.info("backup written: {} ({} bytes, schema {}, audit head {})", target.getFileName(),
                    manifest.sizeBytes(), manifest.schemaVersion(), manifest.auditHeadSeq());
            return new BackupInfo(target, manifestTarget, manifest);
        } catch (SQLException e) {
            if (cancel.isCancelled()) {
                throw new org.medscribe.common.CancelledException();
            }
            throw StorageFailures.translate(e);
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Reads a copy's schema version, row counts and audit head, after SQLite's integrity check. */
    private BackupManifest describe(Path copy, String kind, CancellationToken cancel) throws SQLException, IOException {
        try (Connection connection = connect(copy, true)) {
            VerificationReport report = check.check(connection, cancel);
            if (!report.ok()) {
                throw new MedScribeException(Category.FAILED, "storage.error.backupCopyInvalid", report.firstProblemKey());
            }
            int version = Schema.userVersion(connection);
            Map<String, Long> counts = rowCounts(connection);
            AuditChainReport head = AuditLog.head(connection);
            List<String> keyIds = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT key_id FROM data_key_wraps ORDER BY key_id")) {
                while (rs.next()) {
                    keyIds.add(rs.getString(1));
                }
            }
            return new BackupManifest(BackupManifest.FORMAT, kind, Timestamps.format(clock.instant()),
                    copy.getFileName().toString(), version, sha256(copy), Files.size(copy), counts, head.rows(),
                    head.headSeq(), head.headHash(), keyIds, null);
        }
    }

    /**
     * Checks a backup against its manifest: file size and hash, integrity, full verification, schema
     * version, row counts, audit head. Throws {@code storage.error.backupTruncated},
     * {@code storage.error.backupDamaged} or {@code storage.error.backupMismatch} naming what differs.
     * The manifest's seal is checked separately ({@link ManifestSeal}), with the data key.
     */
    public static BackupManifest verifyBackup(Path backup, DatabaseCheck check, CancellationToken cancel) {
        return verifyCopy(backup, readManifest(backup), backup.getFileName().toString(), check, cancel);
    }

    /** {@link #verifyBackup} of {@code copy}, a copy of the backup {@code name} described by {@code manifest}. */
    public static BackupManifest verifyCopy(Path copy, BackupManifest manifest, String name, DatabaseCheck check,
                                            CancellationToken cancel) {
        try {
            requireWhole(copy, manifest, name);
            if (!sha256(copy).equals(manifest.sha256())) {
                throw mismatch("sha256");
            }
            try (Connection connection = connect(copy, true)) {
                VerificationReport report = check.check(connection, cancel);
                if (!report.ok()) {
                    throw new MedScribeException(Category.FAILED, "storage.error.backupMismatch",
                            report.firstProblemKey());
                }
                if (Schema.userVersion(connection) != manifest.schemaVersion()) {
                    throw mismatch("schema_version");
                }
                if (!rowCounts(connection).equals(manifest.rowCounts())) {
                    throw mismatch("row_counts");
                }
                AuditChainReport head = AuditLog.head(connection);
                if (head.headSeq() != manifest.auditHeadSeq() || !head.headHash().equals(manifest.auditHeadHash())) {
                    throw mismatch("audit_head");
                }
            }
            return manifest;
        } catch (SQLException e) {
            throw translateBackupFailure(e, name);
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
    }

    /** A backup shorter than its manifest says was cut off (an interrupted copy, a full disk). */
    public static void requireWhole(Path copy, BackupManifest manifest, String name) throws IOException {
        long size = Files.size(copy);
        if (size < manifest.sizeBytes()) {
            throw new MedScribeException(Category.FAILED, "storage.error.backupTruncated", name, size,
                    manifest.sizeBytes());
        }
    }

    /**
     * A backup SQLite cannot read is the backup's damage, not the encounter database's:
     * {@code storage.error.backupDamaged}; other failures translate as usual.
     */
    public static MedScribeException translateBackupFailure(SQLException e, String name) {
        if (StorageFailures.isCorruption(e)) {
            return new MedScribeException(Category.FAILED, e, "storage.error.backupDamaged", name);
        }
        return StorageFailures.translate(e);
    }

    private static MedScribeException mismatch(String what) {
        return new MedScribeException(Category.FAILED, "storage.error.backupMismatch", what);
    }

    /** The manifest beside {@code backup}; missing or unreadable is bad input. */
    public static BackupManifest readManifest(Path backup) {
        Path manifestFile = manifestOf(backup);
        if (Files.isDirectory(backup)) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.backupNotAFile", backup.toString());
        }
        if (!Files.isRegularFile(backup)) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.backupMissing", backup.getFileName().toString());
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.manifestMissing",
                    backup.getFileName().toString());
        }
        try {
            BackupManifest manifest = MAPPER.readValue(manifestFile.toFile(), BackupManifest.class);
            if (!BackupManifest.FORMAT.equals(manifest.format())
                    && !BackupManifest.FORMAT_UNSEALED.equals(manifest.format())) {
                throw new MedScribeException(Category.BAD_INPUT, "storage.error.manifestMissing",
                        backup.getFileName().toString());
            }
            return manifest;
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "storage.error.manifestMissing",
                    backup.getFileName().toString());
        }
    }

    public static Path manifestOf(Path backup) {
        String name = backup.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return backup.resolveSibling(base + MANIFEST_SUFFIX);
    }

    /** Complete backups (with a readable manifest) in {@code directory}, newest first. */
    public static List<BackupInfo> list(Path directory) {
        List<BackupInfo> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.db")) {
            for (Path file : files) {
                try {
                    found.add(new BackupInfo(file, manifestOf(file), readManifest(file)));
                } catch (MedScribeException incomplete) {
                    LOG.debug("skipping {}: {}", file.getFileName(), incomplete.messageKey());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list backups in {}: {}", directory, e.getMessage());
        }
        found.sort(Comparator.comparing((BackupInfo b) -> b.manifest().createdAt()).reversed());
        return found;
    }

    /** Unwraps the data key a backup keeps (wrapped by the user's key), to check its manifest's seal. */
    @FunctionalInterface
    public interface KeyOfBackup {
        DataKey unwrap(Path backup) throws SQLException;
    }

    /**
     * {@link #list(Path)} without the backups whose manifest's seal does not verify with the data key
     * kept in the backup (edited manifests). Manifests from before sealing stay listed (restoring one
     * needs the user's explicit consent); a backup whose key cannot be read stays listed too (restoring
     * it reports why it cannot be restored).
     */
    public static List<BackupInfo> list(Path directory, KeyOfBackup keys) {
        List<BackupInfo> trusted = new ArrayList<>();
        for (BackupInfo backup : list(directory)) {
            ManifestSeal.State seal;
            try {
                seal = ManifestSeal.check(backup.manifest(), keys.unwrap(backup.file()));
            } catch (SQLException | MedScribeException unreadable) {
                LOG.warn("cannot check the manifest seal of {}: {}", backup.file().getFileName(), unreadable.getMessage());
                seal = null;
            }
            if (seal == ManifestSeal.State.FORGED) {
                LOG.warn("backup {} is not listed: its manifest's seal does not verify", backup.file().getFileName());
            } else {
                trusted.add(backup);
            }
        }
        return trusted;
    }

    /**
     * Deletes all but the newest {@code keep} backups of {@code kind} in {@code directory}, except
     * that the newest backup holding records is never deleted while every backup that stays is of an
     * empty store: a store that was lost and started again empty must not rotate its last good
     * backup away.
     */
    public static int prune(Path directory, String kind, int keep) {
        int removed = 0;
        List<BackupInfo> all = list(directory);
        List<BackupInfo> ofKind = all.stream().filter(b -> kind.equals(b.manifest().kind())).toList();
        List<BackupInfo> doomed = ofKind.subList(Math.min(keep, ofKind.size()), ofKind.size());
        boolean keptHoldsRecords = all.stream()
                .anyMatch(b -> !doomed.contains(b) && b.manifest().holdsRecords());
        BackupInfo lastGood = keptHoldsRecords ? null
                : doomed.stream().filter(b -> b.manifest().holdsRecords()).findFirst().orElse(null);
        for (BackupInfo old : doomed) {
            if (old == lastGood) {
                LOG.warn("keeping {}: the newer backups are of an empty store", old.file().getFileName());
                continue;
            }
            try {
                // Manifest first: a copy without a manifest is ignored, never a manifest without its copy.
                Files.deleteIfExists(old.manifestFile());
                Files.deleteIfExists(old.file());
                removed++;
            } catch (IOException e) {
                LOG.warn("cannot remove old backup {}: {}", old.file().getFileName(), e.getMessage());
            }
        }
        return removed;
    }

    /**
     * Removes what an interrupted backup leaves: {@code .partial} files, and a copy that was renamed
     * but never got its manifest (it is never listed or restored, so it would stay forever).
     */
    private static void removeLeftovers(Path directory) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + PARTIAL_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.db")) {
            for (Path file : files) {
                if (BACKUP_NAME.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)
                        && !Files.exists(manifestOf(file))) {
                    LOG.info("removing {}: an interrupted backup left it without a manifest", file.getFileName());
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** 0600 where the file system has POSIX permissions; a target that cannot have them is logged. */
    private static void restrict(Path file) {
        try {
            PrivateFiles.restrict(file);
        } catch (IOException e) {
            LOG.warn("cannot restrict {} to its owner: {}", file.getFileName(), e.getMessage());
        }
    }

    private static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    counts.put(table, rs.next() ? rs.getLong(1) : 0L);
                }
            }
        }
        return counts;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A plain connection to a database file that is not the live store (a backup or its copy). */
    public static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename durable on POSIX; Windows cannot open a directory and needs no such step. */
    public static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            LOG.debug("directory fsync not available: {}", notSupported.getMessage());
        }
    }

    public static void move(Path from, Path to) throws IOException {
        PrivateFiles.move(from, to);
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            LOG.debug("cancel failed: {}", e.getMessage());
        }
    }
}
