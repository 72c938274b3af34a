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
 *
 * <p>A child never outlives its parent: {@link #claim()} watches the parent process (its id comes from
 * {@link ChildJvm#PARENT_PID_PROPERTY}), and a child that reads one request and then works can
 * {@link #endWhenInputCloses()}; either way an orphaned child kills its own children (a Tesseract run)
 * and halts with {@link #ORPHANED_EXIT}. A parent killed with {@code kill -9} closes the pipe at once;
 * the process watch is the backstop (the JDK polls a process that is not our child, within seconds).
 */
public final class ParentWire {

    /** The exit code of a child that ended because its parent was gone. */
    public static final int ORPHANED_EXIT = 4;

    private final PrintStream out;
    private final BufferedReader in;
    private long lastFlush;

    private ParentWire(PrintStream out, BufferedReader in) {
        this.out = out;
        this.in = in;
    }

    /**
     * Claims this process's stdout for frames and its stdin for requests, and ends this process when
     * its parent ends. Call first in {@code main}.
     */
    public static ParentWire claim() {
        PrintStream frames = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        watchParent();
        return new ParentWire(frames, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /**
     * For a child that has read all it needs: ends this process as soon as its stdin closes, which
     * happens when the parent ends however it ends (the parent keeps the pipe open while it waits).
     * Frames that still arrive are ignored.
     */
    public void endWhenInputCloses() {
        Thread reader = new Thread(() -> {
            try {
                while (next().isPresent()) {
                    // nothing else is expected; the end of input is what matters
                }
            } catch (IOException closed) {
                // the same as the end of input
            }
            orphaned();
        }, "parent-input-watch");
        reader.setDaemon(true);
        reader.start();
    }

    /** Ends this process when the parent named by {@link ChildJvm#PARENT_PID_PROPERTY} (or the OS parent) ends. */
    private static void watchParent() {
        Optional<ProcessHandle> parent;
        String pid = System.getProperty(ChildJvm.PARENT_PID_PROPERTY);
        if (pid != null && !pid.isBlank()) {
            try {
                parent = ProcessHandle.of(Long.parseLong(pid.strip()));
            } catch (NumberFormatException garbled) {
                parent = ProcessHandle.current().parent();
            }
            if (parent.isEmpty()) {
                orphaned(); // the parent died before we got here
            }
        } else {
            parent = ProcessHandle.current().parent();
        }
        parent.ifPresent(handle -> handle.onExit().thenRun(ParentWire::orphaned));
    }

    /**
     * Ends this process at once because no one is waiting for its work: its own children first (they
     * would be left to run on), then this JVM, without shutdown hooks that might block.
     */
    public static void orphaned() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(ORPHANED_EXIT);
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
