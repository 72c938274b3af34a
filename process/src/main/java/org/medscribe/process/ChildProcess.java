package org.medscribe.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The parent's end of the wire to one running child JVM: sends frames on its stdin, hands every
 * frame on its stdout to a {@link Listener} (on a reader thread), keeps the last lines of its stderr
 * for diagnostics, and kills it. Two daemon threads per child; both end when the child does.
 */
public final class ChildProcess {

    /** What the reader thread reports. Called on that thread, in order. */
    public interface Listener {

        void frame(ObjectNode frame);

        /** The child's stdout closed (it exited or was killed). Not called after {@link #overflowed()}. */
        default void ended() {
        }

        /** The child wrote more than the output cap; the reader stopped. */
        default void overflowed() {
        }
    }

    private static final int STDERR_TAIL_LINES = 200;

    private final Process process;
    private final BufferedWriter stdin;
    private final Deque<String> stderrTail = new ArrayDeque<>();

    private ChildProcess(Process process) {
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts reading {@code process}'s output. {@code maxOutputChars} caps what the child may write on
     * stdout over its life (a hostile input must not fill the parent's heap); {@code Long.MAX_VALUE}
     * for none.
     */
    public static ChildProcess attach(Process process, String name, long maxOutputChars, Listener listener) {
        ChildProcess child = new ChildProcess(process);
        Thread out = new Thread(() -> child.readFrames(maxOutputChars, listener), name + "-" + process.pid() + "-out");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(child::keepStderrTail, name + "-" + process.pid() + "-err");
        err.setDaemon(true);
        err.start();
        return child;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the child ends, however it ends. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    public synchronized void send(ObjectNode frame) throws IOException {
        stdin.write(Frames.encode(frame));
        stdin.write('\n');
        stdin.flush();
    }

    /** Sends {@code frame}, ignoring a closed pipe (the child is gone; its exit reports that). */
    public void sendQuietly(ObjectNode frame) {
        try {
            send(frame);
        } catch (IOException childGone) {
            // the exit watcher tells the caller
        }
    }

    /** Closes the child's stdin: a child that reads requests until then finishes. */
    public synchronized void closeInput() {
        try {
            stdin.close();
        } catch (IOException childGone) {
            // nothing left to close
        }
    }

    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Asks the child to stop with {@code goodbye} (or, if null, by closing its stdin), waits
     * {@code grace}, then kills it and waits for the end.
     */
    public void stop(ObjectNode goodbye, Duration grace) {
        if (goodbye != null) {
            sendQuietly(goodbye);
        } else {
            closeInput();
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The exit code, waiting up to {@code wait} for the child to end; -1 if it still runs. */
    public int exitCode(Duration wait) {
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** The last lines the child wrote on stderr (library and native logs), oldest first. */
    public List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    private void readFrames(long maxOutputChars, Listener listener) {
        boolean overflowed = false;
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            long total = 0;
            char[] buffer = new char[16 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > maxOutputChars) {
                    overflowed = true;
                    break;
                }
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        Frames.decode(line.toString()).ifPresent(listener::frame);
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
            }
            if (!overflowed && line.length() > 0) {
                Frames.decode(line.toString()).ifPresent(listener::frame);
            }
        } catch (IOException closed) {
            // the child was killed
        }
        if (overflowed) {
            listener.overflowed();
        } else {
            listener.ended();
        }
    }

    private void keepStderrTail() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException closed) {
            // the child was killed
        }
    }
}
