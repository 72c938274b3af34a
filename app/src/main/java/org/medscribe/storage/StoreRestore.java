package org.medscribe.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.PrivateFiles;
import org.medscribe.common.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.medscribe.storage.audit.AuditAction;
import org.medscribe.storage.audit.AuditAnchor;
import org.medscribe.storage.audit.AuditChainReport;
import org.medscribe.storage.audit.AuditEvent;
import org.medscribe.storage.audit.AuditEvent.Outcome;
import org.medscribe.storage.audit.AuditLog;
import org.medscribe.storage.backup.BackupManifest;
import org.medscribe.storage.backup.Backups;
import org.medscribe.storage.backup.ManifestSeal;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.FieldCipher;
import org.medscribe.storage.crypto.KeyEncryptionKeySource;
import org.medscribe.storage.db.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a backup so that a crash at any moment leaves either the old database or the restored
 * one, never none:
 * <ol>
 *   <li>the backup is copied to {@code data/medscribe.db.restoring}, the copy is verified against the
 *       sealed manifest, the {@code RESTORED} audit row is appended to it, and it is fsynced;</li>
 *   <li>{@code data/restore.journal} names the copy's SHA-256 and the folder the current files go to;</li>
 *   <li>the current database, WAL and shared-memory files move to {@code data/replaced-<time>/}, the
 *       copy is renamed into place (the last step), then the journal is deleted.</li>
 * </ol>
 * {@link #recover} runs under the store's lock before every open and restore: with a journal and a
 * whole copy it finishes the swap; a copy without a journal is an unfinished restore and is deleted;
 * anything else puts the moved files back. Blocking; the caller holds the store's lock.
 */
final class StoreRestore {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRestore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    static final String STAGED_SUFFIX = ".restoring";
    static final String JOURNAL_NAME = "restore.journal";
    static final String ASIDE_PREFIX = "replaced-";
    private static final String JOURNAL_FORMAT = "medscribe-restore-1";

    /** Where a restore stands; a test throws from {@link #reached} to stand in for a kill there. */
    interface Steps {
        Steps NONE = step -> { };

        void reached(String step);
    }

    /**
     * What the journal records; enough to finish or undo the swap, and to move the audit anchor to the
     * restored history's head. {@code mac} (with a key derived from the data key) lets only a journal
     * written by a restore move the anchor back.
     */
    record Journal(@JsonProperty("format") String format, @JsonProperty("backup") String backup,
                   @JsonProperty("staged_sha256") String stagedSha256, @JsonProperty("aside") String aside,
                   @JsonProperty("head_seq") long headSeq, @JsonProperty("head_hash") String headHash,
                   @JsonProperty("mac") String mac) {

        String sealed() {
            return "medscribe-restore-journal:" + stagedSha256 + ":" + aside + ":" + headSeq + ":" + headHash;
        }
    }

    private StoreRestore() {
    }

    static BackupManifest restore(StoreLayout layout, KeyEncryptionKeySource keys, Path backup, boolean acceptUnsealed,
                                  CancellationToken cancel, ProgressListener progress, Steps steps) {
        String name = backup.getFileName().toString();
        BackupManifest manifest = Backups.readManifest(backup);
        Path staged = staged(layout);
        try {
            Backups.requireWhole(backup, manifest, name);
            Optional<Journal> swapped = recover(layout);
            if (swapped.isPresent()) {
                finishOnLiveDatabase(layout, keys, swapped.get());
            }
            progress.progress("storage.phase.verifying", 0.0);
            DataKey key = unwrap(backup, keys, name);
            if (ManifestSeal.require(manifest, key, acceptUnsealed, name) == ManifestSeal.State.UNSEALED) {
                LOG.warn("restoring {} whose manifest predates sealing, as the user asked", name);
            }
            removeStaged(layout);
            AuditLog audit = new AuditLog(key, Clock.systemDefaultZone(), Workstation.name());
            AuditAnchor.Mark head;
            try {
                Files.copy(backup, staged);
                PrivateFiles.restrict(staged);
                Backups.force(staged);
                StoreVerifier verifier = new StoreVerifier(key, new FieldCipher(key), audit);
                Backups.verifyCopy(staged, manifest, name, (c, t) -> verifier.verify(c, t, ProgressListener.NONE),
                        cancel);
                cancel.throwIfCancelled();
                progress.progress("storage.phase.restoring", 0.6);
                head = appendRestored(staged, audit, name, manifest);
                Backups.force(staged);
            } catch (MedScribeException | IOException refused) {
                // Nothing was replaced yet: the copy goes, the database stays as it was.
                removeStaged(layout);
                throw refused;
            }
            Journal unsealed = new Journal(JOURNAL_FORMAT, name, Backups.sha256(staged),
                    ASIDE_PREFIX + ASIDE_TIME.format(Instant.now()), head.seq(), head.hash(), null);
            Journal journal = new Journal(unsealed.format(), name, unsealed.stagedSha256(), unsealed.aside(),
                    head.seq(), head.hash(), key.manifestMac(unsealed.sealed()));
            steps.reached("staged");
            PrivateFiles.write(journalFile(layout), JSON.writeValueAsBytes(journal));
            PrivateFiles.restrict(journalFile(layout));
            Backups.forceDirectory(layout.databaseDirectory());
            steps.reached("journaled");
            swap(layout, journal, steps);
            steps.reached("swapped");
            // The restored history is older than the anchor: it follows, once the swap is done.
            new AuditAnchor(layout.anchorFile(), key).reset(new AuditAnchor.Mark(head.seq(), head.hash()));
            Files.delete(journalFile(layout));
            Backups.forceDirectory(layout.databaseDirectory());
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
        progress.progress("storage.phase.restoring", 1.0);
        LOG.info("restored the encounter store from {}", name);
        return manifest;
    }

    private static void finishOnLiveDatabase(StoreLayout layout, KeyEncryptionKeySource keys, Journal journal) {
        try (Connection c = Backups.connect(layout.databaseFile(), true)) {
            finish(layout, journal, KeyWraps.unwrap(c, keys), c);
        } catch (SQLException e) {
            throw StorageFailures.translate(e);
        }
    }

    private static DataKey unwrap(Path backup, KeyEncryptionKeySource keys, String name) {
        try {
            return EncounterStore.backupKeys(keys).unwrap(backup);
        } catch (SQLException e) {
            throw Backups.translateBackupFailure(e, name);
        }
    }

    /** The audit row goes into the verified copy, so the swap is the last step and needs no database. */
    private static AuditAnchor.Mark appendRestored(Path staged, AuditLog audit, String name, BackupManifest manifest) {
        try (Connection c = Backups.connect(staged, false)) {
            try (Statement s = c.createStatement()) {
                // No WAL beside the copy: the rename must carry the whole database.
                s.execute("PRAGMA journal_mode=DELETE");
                s.execute("PRAGMA synchronous=FULL");
            }
            c.setAutoCommit(false);
            audit.append(c, new AuditEvent(Actor.Kind.SYSTEM.name(), null, AuditAction.RESTORED, Outcome.SUCCESS,
                    null, "backup", name, "{\"sha256\":\"" + manifest.sha256() + "\",\"audit_head_seq\":"
                    + manifest.auditHeadSeq() + "}"));
            c.commit();
            AuditChainReport head = AuditLog.head(c);
            return new AuditAnchor.Mark(head.headSeq(), head.headHash());
        } catch (SQLException e) {
            throw StorageFailures.translate(e);
        }
    }

    /** Moves the live files aside (the ones still there), then renames the copy into place. */
    private static void swap(StoreLayout layout, Journal journal, Steps steps) throws IOException {
        Path aside = layout.databaseDirectory().resolve(journal.aside());
        for (Path file : List.of(layout.databaseFile(), layout.walFile(), layout.sharedMemoryFile())) {
            if (Files.exists(file)) {
                PrivateFiles.directory(aside);
                Files.move(file, aside.resolve(file.getFileName()));
                steps.reached("aside " + file.getFileName());
            }
        }
        if (Files.isDirectory(aside)) {
            Backups.forceDirectory(aside);
        }
        Backups.move(staged(layout), layout.databaseFile());
        Backups.forceDirectory(layout.databaseDirectory());
    }

    /**
     * Finishes or undoes a restore a crash interrupted. Call with the store's lock held, before the
     * database is opened.
     */
    static Optional<Journal> recover(StoreLayout layout) {
        Path journalFile = journalFile(layout);
        try {
            if (!Files.exists(journalFile)) {
                if (removeStaged(layout)) {
                    LOG.warn("removed the copy of an unfinished restore; the database was not replaced");
                }
                return Optional.empty();
            }
            Journal journal;
            try {
                journal = JSON.readValue(journalFile.toFile(), Journal.class);
            } catch (IOException unreadable) {
                throw new MedScribeException(Category.FAILED, unreadable, "storage.error.restoreJournal",
                        journalFile.toString());
            }
            if (!JOURNAL_FORMAT.equals(journal.format()) || journal.aside() == null
                    || !journal.aside().startsWith(ASIDE_PREFIX) || journal.aside().contains("/")
                    || journal.aside().contains("\\")) {
                throw new MedScribeException(Category.FAILED, "storage.error.restoreJournal", journalFile.toString());
            }
            Path staged = staged(layout);
            if (Files.exists(staged) && Backups.sha256(staged).equals(journal.stagedSha256())) {
                swap(layout, journal, Steps.NONE);
                LOG.warn("finished a restore from {} that was interrupted", journal.backup());
            } else if (Files.exists(staged) || !Files.exists(layout.databaseFile())) {
                putBack(layout, journal);
                Files.delete(journalFile);
                Backups.forceDirectory(layout.databaseDirectory());
                return Optional.empty();
            }
            // Swapped: the journal stays until the anchor has followed (it needs the data key).
            return Optional.of(journal);
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
    }

    /**
     * Moves the audit anchor to the restored history's head once the journal of a swapped restore
     * proves itself (its MAC with the data key, and the database's head is the one it names), then
     * deletes the journal. A journal that does not prove itself moves nothing: the anchor check then
     * reports whatever was put in place.
     */
    static void finish(StoreLayout layout, Journal journal, DataKey key, Connection c) throws SQLException {
        AuditChainReport head = AuditLog.head(c);
        boolean authentic = journal.mac() != null
                && MessageDigest.isEqual(key.manifestMac(journal.sealed()).getBytes(StandardCharsets.US_ASCII),
                        journal.mac().getBytes(StandardCharsets.US_ASCII))
                && head.headSeq() == journal.headSeq() && journal.headHash().equals(head.headHash());
        try {
            if (authentic) {
                new AuditAnchor(layout.anchorFile(), key).reset(new AuditAnchor.Mark(head.headSeq(), head.headHash()));
            } else {
                LOG.error("a restore journal that does not prove itself was ignored");
            }
            Files.deleteIfExists(journalFile(layout));
            Backups.forceDirectory(layout.databaseDirectory());
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
    }

    private static void putBack(StoreLayout layout, Journal journal) throws IOException {
        removeStaged(layout);
        Path aside = layout.databaseDirectory().resolve(journal.aside());
        for (Path file : List.of(layout.walFile(), layout.sharedMemoryFile(), layout.databaseFile())) {
            Path moved = aside.resolve(file.getFileName());
            if (Files.exists(moved) && !Files.exists(file)) {
                Files.move(moved, file);
            }
        }
        Backups.forceDirectory(layout.databaseDirectory());
        LOG.warn("undid a restore from {} that was interrupted; the previous database is back", journal.backup());
    }

    /** Deletes the staging copy and anything SQLite left beside it; whether there was a copy. */
    private static boolean removeStaged(StoreLayout layout) throws IOException {
        Path staged = staged(layout);
        boolean existed = Files.deleteIfExists(staged);
        for (String suffix : List.of("-journal", "-wal", "-shm")) {
            Files.deleteIfExists(staged.resolveSibling(staged.getFileName() + suffix));
        }
        return existed;
    }

    /**
     * Refuses to start over a database that is missing while the data folder shows it existed (a
     * folder of replaced files): creating a new, empty store there would hide the loss.
     */
    static void refuseLostDatabase(StoreLayout layout) {
        if (Files.exists(layout.databaseFile())) {
            return;
        }
        Optional<Path> replaced = newestReplaced(layout);
        if (replaced.isPresent()) {
            throw new MedScribeException(Category.FAILED, "storage.error.databaseLost",
                    layout.databaseFile().toString(), replaced.get().toString());
        }
    }

    private static Optional<Path> newestReplaced(StoreLayout layout) {
        if (!Files.isDirectory(layout.databaseDirectory())) {
            return Optional.empty();
        }
        Path newest = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.databaseDirectory(), ASIDE_PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && (newest == null
                        || entry.getFileName().toString().compareTo(newest.getFileName().toString()) > 0)) {
                    newest = entry;
                }
            }
        } catch (IOException e) {
            throw StorageFailures.translate(e);
        }
        return Optional.ofNullable(newest);
    }

    static Path staged(StoreLayout layout) {
        return layout.databaseDirectory().resolve(StoreLayout.DATABASE_NAME + STAGED_SUFFIX);
    }

    static Path journalFile(StoreLayout layout) {
        return layout.databaseDirectory().resolve(JOURNAL_NAME);
    }
}
