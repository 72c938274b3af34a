package org.medscribe.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.medscribe.common.MedScribeException;
import org.medscribe.storage.db.Database;
import org.medscribe.storage.db.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the doctor's latest edit of each encounter in memory and writes it on the writer thread
 * at most {@code delayMillis} after the first unsaved edit (a throttle, not a debounce: continuous
 * typing still saves every {@code delayMillis}). A failed save keeps the edit and retries.
 *
 * <p>{@link #submit} never blocks (safe on the JavaFX thread); everything else runs on the writer.
 */
final class Autosaver {

    private static final Logger LOG = LoggerFactory.getLogger(Autosaver.class);

    record Pending(long revision, DraftEdit edit) {
    }

    /** Writes one encounter's pending edit inside the caller's transaction. */
    @FunctionalInterface
    interface WorkingDraftWriter {
        void write(Connection connection, String encounterId, Pending pending) throws SQLException;
    }

    private final Database database;
    private final Clock clock;
    private final long delayMillis;
    private final long retryMillis;
    private final WorkingDraftWriter writer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong revisions;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<AutosaveListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    Autosaver(Database database, Clock clock, long delayMillis, long retryMillis, long lastRevision,
              WorkingDraftWriter writer) {
        this.database = database;
        this.clock = clock;
        this.delayMillis = delayMillis;
        this.retryMillis = retryMillis;
        this.revisions = new AtomicLong(lastRevision);
        this.writer = writer;
    }

    void addListener(AutosaveListener listener) {
        listeners.add(listener);
    }

    void removeListener(AutosaveListener listener) {
        listeners.remove(listener);
    }

    long nextRevision() {
        return revisions.incrementAndGet();
    }

    long submit(String encounterId, DraftEdit edit) {
        long revision = revisions.incrementAndGet();
        Pending fresh = new Pending(revision, edit);
        pending.merge(encounterId, fresh, (old, now) -> now.revision() > old.revision() ? now : old);
        scheduleFlush(delayMillis);
        return revision;
    }

    Pending pendingFor(String encounterId) {
        return pending.get(encounterId);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    private void scheduleFlush(long delay) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                database.schedule(this::scheduledFlush, delay);
            } catch (RuntimeException closing) {
                scheduled.set(false);
                LOG.debug("autosave not scheduled: {}", closing.getMessage());
            }
        }
    }

    private void scheduledFlush() {
        scheduled.set(false);
        try {
            flushAll();
        } catch (MedScribeException alreadyReported) {
            scheduleFlush(retryMillis);
        } catch (RuntimeException unexpected) {
            LOG.error("autosave failed unexpectedly", unexpected);
            scheduleFlush(retryMillis);
        }
    }

    /**
     * Writes every pending edit, one encounter per transaction (NORMAL sync). Blocks until done;
     * rethrows the first failure after telling the listeners of each.
     */
    void flushAll() {
        if (!database.isWriterThread()) {
            database.onWriter(connection -> {
                flushAll();
                return null;
            });
            return;
        }
        MedScribeException first = null;
        for (Map.Entry<String, Pending> entry : Map.copyOf(pending).entrySet()) {
            try {
                flushOne(entry.getKey(), entry.getValue());
            } catch (MedScribeException failure) {
                if (first == null) {
                    first = failure;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void flushOne(String encounterId, Pending edit) {
        try {
            database.write(Durability.NORMAL, connection -> {
                writer.write(connection, encounterId, edit);
                return null;
            });
        } catch (MedScribeException failure) {
            if (!failing) {
                LOG.warn("autosave failed ({}); the edit is kept in memory and retried", failure.messageKey());
            }
            failing = true;
            if (failure.isBadInput()) {
                // Retrying cannot help (e.g. the encounter does not exist); keep the failure visible once.
                pending.remove(encounterId, edit);
            }
            for (AutosaveListener listener : listeners) {
                listener.failed(encounterId, edit.revision(), failure);
            }
            throw failure;
        }
        committed(encounterId, edit);
    }

    /** After a commit that wrote {@code edit}: forget it unless a newer edit arrived, tell listeners. */
    void committed(String encounterId, Pending edit) {
        if (edit == null) {
            return;
        }
        pending.remove(encounterId, edit);
        if (failing) {
            LOG.info("autosave works again");
            failing = false;
        }
        for (AutosaveListener listener : listeners) {
            listener.saved(encounterId, edit.revision(), clock.instant());
        }
    }
}
