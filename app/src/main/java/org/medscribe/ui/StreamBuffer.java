package org.medscribe.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Events produced on a worker thread (tokens, finished sections) and consumed by a screen in
 * batches, once per frame. {@link #add} from any thread; {@link #drain} from the UI thread.
 */
public final class StreamBuffer<E> {

    private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();

    public void add(E event) {
        queue.add(event);
    }

    /** Hands everything buffered so far to {@code consumer} as one batch (nothing if empty). */
    public int drain(Consumer<List<E>> consumer) {
        List<E> batch = new ArrayList<>();
        E next;
        while ((next = queue.poll()) != null) {
            batch.add(next);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
        return batch.size();
    }

    /**
     * Like {@link #drain} but stops right after the first event that {@code heavy} accepts: the
     * rest waits for the next call. Lets a screen draw at most one costly event per frame.
     */
    public int drainThrough(java.util.function.Predicate<? super E> heavy, Consumer<List<E>> consumer) {
        List<E> batch = new ArrayList<>();
        E next;
        while ((next = queue.poll()) != null) {
            batch.add(next);
            if (heavy.test(next)) {
                break;
            }
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
        return batch.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
