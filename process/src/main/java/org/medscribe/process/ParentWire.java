package org.medscribe.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The child's end of the wire to its parent. {@link #claim()} takes stdout for frames alone: everything else that
 * prints (libraries print to {@code System.out}) goes to stderr. Thread-safe.
 */
public final class ParentWire {

    private final PrintStream out;
    private final BufferedReader in;
    private long lastFlush;

    private ParentWire(PrintStream out, BufferedReader in) {
        this.out = out;
        this.in = in;
    }

    /** Claims this process's stdout for frames and its stdin for requests. Call first in {@code main}. */
    public static ParentWire claim() {
        PrintStream frames = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        return new ParentWire(frames, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** The next request frame from the parent, or empty once stdin closed (the parent is gone or done). */
    public Optional<ObjectNode> next() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            Optional<ObjectNode> frame = Frames.decode(line);
            if (frame.isPresent()) {
                return frame;
            }
        }
        return Optional.empty();
    }

    /** Sends {@code frame} at once. A parent that stopped reading is not an error: there is no one to tell. */
    public synchronized void send(ObjectNode frame) {
        out.println(Frames.encode(frame));
        out.flush();
        lastFlush = System.nanoTime();
    }

    /**
     * Sends {@code frame}, flushing only if the last flush is {@code flushNanos} old: for a stream of
     * small frames (tokens) where one pipe write each would cost both processes CPU. The next
     * {@link #send} flushes whatever waits.
     */
    public synchronized void sendBatched(ObjectNode frame, long flushNanos) {
        out.println(Frames.encode(frame));
        long now = System.nanoTime();
        if (now - lastFlush >= flushNanos) {
            out.flush();
            lastFlush = now;
        }
    }
}
