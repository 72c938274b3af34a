package org.medscribe.storage.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medscribe.common.PrivateFiles;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.db.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log's head kept outside the database: a one-line file beside it ({@code medscribe.anchor})
 * with the seq and hash of an audit row and a MAC of both. The head in {@code store_meta} can be
 * replaced by an older head (from an older backup, whose MAC is valid) after deleting the rows behind
 * it; the anchor cannot follow, because the database must still hold the anchored row with the
 * anchored hash. The writing process moves it forward after each commit that appended audit rows
 * (never backwards, and after the commit, so a crash leaves it behind the database, which is fine);
 * {@link #reset} moves it anywhere, for a new store, a migration and a restore.
 *
 * <p>Since schema 6 ({@link #SINCE_SCHEMA}) every store has one, so a missing anchor is reported too.
 * Thread-safe.
 */
public final class AuditAnchor {

    public static final String FILE_NAME = "medscribe.anchor";
    public static final int SINCE_SCHEMA = 6;
    private static final Logger LOG = LoggerFactory.getLogger(AuditAnchor.class);
    private static final String FORMAT = "medscribe-audit-anchor-1";
    private static final Pattern LINE = Pattern.compile(FORMAT + " (\\d+) ([0-9a-f]{64}) ([0-9a-f]{64})\\s*");

    /** An audit row by seq and hash. */
    public record Mark(long seq, String hash) {
    }

    /** What the file held when read: nothing, a mark with a valid MAC, or something invalid. */
    public record Snapshot(boolean present, Mark mark) {

        public boolean valid() {
            return mark != null;
        }
    }

    private final Path file;
    private final DataKey key;
    private long written = -1;

    public AuditAnchor(Path file, DataKey key) {
        this.file = file;
        this.key = key;
    }

    /** The anchor file beside {@code databaseFile}. */
    public static Path besides(Path databaseFile) {
        return databaseFile.resolveSibling(FILE_NAME);
    }

    /** Reads the file now. Read it before the database, so that it is never ahead of what is read. */
    public Snapshot read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            return new Snapshot(false, null);
        } catch (IOException | RuntimeException unreadable) {
            LOG.warn("the audit anchor cannot be read: {}", unreadable.getMessage());
            return new Snapshot(true, null);
        }
        Matcher line = LINE.matcher(text);
        if (!line.matches()) {
            return new Snapshot(true, null);
        }
        Mark mark = new Mark(Long.parseLong(line.group(1)), line.group(2));
        return new Snapshot(true, mac(mark).equals(line.group(3)) ? mark : null);
    }

    /** Writes {@code mark} whatever the file held (a new store, a migration, a restore). */
    public synchronized void reset(Mark mark) throws IOException {
        String line = FORMAT + " " + mark.seq() + " " + mark.hash() + " " + mac(mark) + "\n";
        PrivateFiles.write(file, line.getBytes(StandardCharsets.UTF_8));
        written = mark.seq();
    }

    /** Moves the anchor to {@code mark} if it is further on than what this instance last wrote. */
    public synchronized void advance(Mark mark) throws IOException {
        if (mark.seq() > written) {
            reset(mark);
        }
    }

    /**
     * What is wrong between {@code snapshot} and the database behind {@code c}: a missing or invalid
     * anchor, or an anchored row that is gone or different. Empty when all is well, and for a database
     * older than schema 6 (its anchor, if any, is the one its migration or a crash during it left;
     * the migration resets it).
     */
    public static List<AuditChainReport.Problem> check(Connection c, Snapshot snapshot) throws SQLException {
        List<AuditChainReport.Problem> problems = new ArrayList<>();
        if (Schema.userVersion(c) < SINCE_SCHEMA) {
            return problems;
        }
        if (!snapshot.present()) {
            problems.add(new AuditChainReport.Problem("storage.verify.anchorMissing", 0));
            return problems;
        }
        if (!snapshot.valid()) {
            problems.add(new AuditChainReport.Problem("storage.verify.anchorInvalid", 0));
            return problems;
        }
        Mark mark = snapshot.mark();
        try (PreparedStatement select = c.prepareStatement("SELECT entry_hash FROM audit_log WHERE seq = ?")) {
            select.setLong(1, mark.seq());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    problems.add(new AuditChainReport.Problem("storage.verify.auditRolledBack", mark.seq()));
                } else if (!mark.hash().equals(rs.getString(1))) {
                    problems.add(new AuditChainReport.Problem("storage.verify.anchorMismatch", mark.seq()));
                }
            }
        }
        return problems;
    }

    private String mac(Mark mark) {
        return key.mac("audit-anchor:" + mark.seq() + ":" + mark.hash());
    }
}
