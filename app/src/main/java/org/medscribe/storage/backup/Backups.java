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
import org.medscribe.common.PrivateFiles;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.Timestamps;
import org.medscribe.storage.VerificationReport;
import org.medscribe.storage.audit.AuditChainReport;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.db.Schema;
import org.medscribe.storage.db.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Makes and checks backups of the encounter database: verify the live database (integrity, audit
 * chain, signed records) → {@code VACUUM INTO} a {@code .partial} file → verify the copy → fsync →
 * SHA-256 → atomic rename → manifest (written last, so a backup without a manifest is never used).
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

    private final Path liveDatabase;
    private final Clock clock;
    private final DatabaseCheck check;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public Backups(Path liveDatabase, Clock clock, DatabaseCheck check) {
        this.liveDatabase = liveDatabase;
        this.clock = clock;
        this.check = check;
    }

    /**
     * Backs the live database up into {@code directory} as {@code <kind>-<utc time>.db}. Refuses (and
     * writes nothing) when the live database fails verification: a backup must never replace good
     * backups with a damaged copy.
     */
    public BackupInfo create(Path directory, String kind, CancellationToken cancel, ProgressListener progress) {
        oneAtATime.lock();
        try {
            Files.createDirectories(directory);
            removePartials(directory);
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
            BackupManifest manifest = describe(partial, kind, cancel);
            force(partial);
            move(partial, target);
            manifest = new BackupManifest(manifest.format(), manifest.kind(), manifest.createdAt(),
                    target.getFileName().toString(), manifest.schemaVersion(), manifest.sha256(),
                    manifest.sizeBytes(), manifest.rowCounts(), manifest.auditRows(), manifest.auditHeadSeq(),
                    manifest.auditHeadHash(), manifest.keyIds());
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
                    head.headSeq(), head.headHash(), keyIds);
        }
    }

    /**
     * Checks a backup against its manifest: file hash, integrity, full verification, schema version,
     * row counts, audit head. Throws {@code storage.error.backupMismatch} naming what differs.
     */
    public static BackupManifest verifyBackup(Path backup, DatabaseCheck check, CancellationToken cancel) {
        BackupManifest manifest = readManifest(backup);
        try {
            if (!sha256(backup).equals(manifest.sha256())) {
                throw mismatch("sha256");
            }
            try (Connection connection = connect(backup, true)) {
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
            throw StorageFailures.translate(e);
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
    }

    private static MedScribeException mismatch(String what) {
        return new MedScribeException(Category.FAILED, "storage.error.backupMismatch", what);
    }

    /** The manifest beside {@code backup}; missing or unreadable is bad input. */
    public static BackupManifest readManifest(Path backup) {
        Path manifestFile = manifestOf(backup);
        if (!Files.isRegularFile(backup)) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.backupMissing", backup.getFileName().toString());
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new MedScribeException(Category.BAD_INPUT, "storage.error.manifestMissing",
                    backup.getFileName().toString());
        }
        try {
            BackupManifest manifest = MAPPER.readValue(manifestFile.toFile(), BackupManifest.class);
            if (!BackupManifest.FORMAT.equals(manifest.format())) {
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

    /** Deletes all but the newest {@code keep} backups of {@code kind} in {@code directory}. */
    public static int prune(Path directory, String kind, int keep) {
        int removed = 0;
        List<BackupInfo> ofKind = list(directory).stream().filter(b -> kind.equals(b.manifest().kind())).toList();
        for (int i = keep; i < ofKind.size(); i++) {
            BackupInfo old = ofKind.get(i);
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

    private static void removePartials(Path directory) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + PARTIAL_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
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
