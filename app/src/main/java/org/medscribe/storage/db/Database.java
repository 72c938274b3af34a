package org.medscribe.storage.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite database file: a single writer connection owned by the thread {@code io-db-writer},
 * and a small pool of read-only connections used on the callers' threads (WAL lets them read while
 * the writer writes).
 *
 * <p>Threading: {@link #write} runs its work on the writer thread and blocks the caller until the
 * transaction has committed or rolled back; called from the writer thread itself it runs inline.
 * {@link #read} runs on the calling thread with a pooled connection inside one read transaction
 * (a consistent snapshot). Never call either from the JavaFX thread.
 *
 * <p>Lifecycle: {@link #close()} lets queued writes finish, then closes every connection (SQLite
 * checkpoints the WAL when the last connection closes).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 3;

    /** How to open the file. {@code maxPageCount} caps the file size (a stand-in for a full disk in tests). */
    public record Settings(boolean readOnly, Integer maxPageCount) {
        public static final Settings DEFAULT = new Settings(false, null);
    }

    private final Path file;
    private final Settings settings;
    private final Connection writer;
    private final ScheduledExecutorService writerThread;
    private volatile Thread writerThreadRef;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final AtomicInteger readersCreated = new AtomicInteger();
    private final java.util.List<Connection> allReaders = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Durability durability = Durability.NORMAL;
    private volatile boolean closed;
    private volatile TransactionListener transactionListener = committed -> { };

    /** Told on the writer thread when a {@link #write} transaction ends; must not throw. */
    @FunctionalInterface
    public interface TransactionListener {
        void ended(boolean committed);
    }

    private Database(Path file, Settings settings, Connection writer) {
        this.file = file;
        this.settings = settings;
        this.writer = writer;
        this.writerThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "io-db-writer");
            thread.setDaemon(true);
            writerThreadRef = thread;
            return thread;
        });
    }

    /**
     * Opens (creating if absent, unless read-only) the database file with WAL, foreign keys and a busy
     * timeout. A file that is not a database fails with {@code storage.error.corrupt}.
     */
    public static Database open(Path file, Settings settings) {
        Connection writer = null;
        try {
            if (!settings.readOnly()) {
                writer = connect(file, false);
                try (Statement statement = writer.createStatement()) {
                    // Reading the schema here surfaces a damaged header at once, not at the first save.
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=NORMAL");
                    if (settings.maxPageCount() != null) {
                        statement.execute("PRAGMA max_page_count=" + settings.maxPageCount());
                    }
                }
            }
            Database database = new Database(file, settings, writer);
            if (settings.readOnly()) {
                database.read(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
                    }
                    return null;
                });
            }
            return database;
        } catch (SQLException e) {
            closeQuietly(writer);
            throw StorageFailures.translate(e);
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        if (readOnly) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only=1");
            }
        }
        return connection;
    }

    public Path file() {
        return file;
    }

    public boolean isReadOnly() {
        return settings.readOnly();
    }

    /** Replaces the listener told after each write transaction commits or rolls back. */
    public void setTransactionListener(TransactionListener listener) {
        this.transactionListener = listener;
    }

    /**
     * Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction on the writer thread and waits for
     * it. {@code durability} sets {@code PRAGMA synchronous} for this commit.
     */
    public <T> T write(Durability durability, SqlWork<T> work) {
        if (settings.readOnly()) {
            throw new MedScribeException(Category.FAILED, "storage.error.readOnly");
        }
        if (Thread.currentThread() == writerThreadRef) {
            return inTransaction(durability, work);
        }
        return await(submit(() -> inTransaction(durability, work)));
    }

    /** Runs {@code work} on the writer thread outside any transaction (VACUUM, schema checks). */
    public <T> T onWriter(SqlWork<T> work) {
        if (settings.readOnly()) {
            throw new MedScribeException(Category.FAILED, "storage.error.readOnly");
        }
        java.util.concurrent.Callable<T> call = () -> {
            try {
                return work.run(writer);
            } catch (SQLException e) {
                throw StorageFailures.translate(e);
            }
        };
        if (Thread.currentThread() == writerThreadRef) {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return await(submit(call));
    }

    /** Queues {@code task} on the writer thread after {@code delayMillis}; failures are the task's to handle. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return writerThread.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    public boolean isWriterThread() {
        return Thread.currentThread() == writerThreadRef;
    }

    private <T> Future<T> submit(java.util.concurrent.Callable<T> call) {
        if (closed) {
            throw new MedScribeException(Category.FAILED, "storage.error.closed");
        }
        return writerThread.submit(call);
    }

    private <T> T inTransaction(Durability wanted, SqlWork<T> work) {
        try {
            if (wanted != durability) {
                try (Statement statement = writer.createStatement()) {
                    statement.execute("PRAGMA synchronous=" + wanted.name());
                }
                durability = wanted;
            }
            try (Statement statement = writer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
            }
        } catch (SQLException e) {
            throw StorageFailures.translate(e);
        }
        try {
            T result = work.run(writer);
            try (Statement statement = writer.createStatement()) {
                statement.execute("COMMIT");
            }
            transactionListener.ended(true);
            return result;
        } catch (SQLException e) {
            rollback();
            throw StorageFailures.translate(e);
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        }
    }

    private void rollback() {
        try (Statement statement = writer.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException alreadyEnded) {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing is left open.
            LOG.debug("rollback after failure: {}", alreadyEnded.getMessage());
        }
        transactionListener.ended(false);
    }

    /** Runs {@code work} on the calling thread with a read-only connection in one read transaction. */
    public <T> T read(SqlWork<T> work) {
        if (closed) {
            throw new MedScribeException(Category.FAILED, "storage.error.closed");
        }
        Connection connection = borrowReader();
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN");
            }
            try {
                return work.run(connection);
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("COMMIT");
                }
            }
        } catch (SQLException e) {
            throw StorageFailures.translate(e);
        } finally {
            readers.offer(connection);
        }
    }

    private Connection borrowReader() {
        Connection connection = readers.poll();
        if (connection != null) {
            return connection;
        }
        if (readersCreated.incrementAndGet() <= READERS) {
            try {
                Connection fresh = connect(file, true);
                allReaders.add(fresh);
                return fresh;
            } catch (SQLException e) {
                readersCreated.decrementAndGet();
                throw StorageFailures.translate(e);
            }
        }
        readersCreated.decrementAndGet();
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** The pragmas that matter for durability, read back from the writer (or a reader if read-only). */
    public Map<String, String> pragmas() {
        SqlWork<Map<String, String>> query = connection -> {
            Map<String, String> values = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement()) {
                for (String pragma : new String[] {"journal_mode", "synchronous", "foreign_keys", "busy_timeout",
                        "page_size", "user_version", "max_page_count"}) {
                    try (ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
                        values.put(pragma, rs.next() ? rs.getString(1) : "");
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT sqlite_version()")) {
                    values.put("sqlite_version", rs.next() ? rs.getString(1) : "");
                }
            }
            return values;
        };
        return settings.readOnly() ? read(query) : onWriter(query);
    }

    /** Opens a separate connection for work that must not share the pool (backups, raw checks). */
    public Connection openSideConnection() {
        try {
            return connect(file, false);
        } catch (SQLException e) {
            throw StorageFailures.translate(e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writerThread.shutdown();
        try {
            if (!writerThread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("writer did not finish within 30 s; closing anyway");
                writerThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection reader : allReaders) {
            closeQuietly(reader);
        }
        closeQuietly(writer);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing a database connection failed: {}", e.getMessage());
        }
    }
}
