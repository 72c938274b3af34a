package org.medscribe.inference.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * llama.cpp's log files in the engine state directory, one per worker ({@code llama-<pid>.log}). A
 * worker halts without tidying up and its parent may end first, so files of ended workers are
 * pruned when a new worker starts: the newest {@link #KEPT} stay (the last crash's log may explain
 * it), older ones go. A live process's file is never touched (another window's worker).
 */
final class EngineLogs {

    /** Logs of ended workers kept for diagnosis. */
    static final int KEPT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(EngineLogs.class);
    private static final Pattern NAME = Pattern.compile("llama-(\\d{1,18})\\.log");

    private EngineLogs() {
    }

    static Path of(Path stateDir, long pid) {
        return stateDir.resolve("llama-" + pid + ".log");
    }

    /** Deletes all but the newest {@link #KEPT} logs of workers that are no longer running. */
    static void prune(Path stateDir) {
        List<Path> ended = new ArrayList<>();
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path file : files.toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && !running(Long.parseLong(name.group(1)))) {
                    ended.add(file);
                }
            }
        } catch (IOException unlistable) {
            LOG.debug("could not list {}", stateDir, unlistable);
            return;
        }
        ended.sort(Comparator.comparing(EngineLogs::modified).reversed());
        for (Path old : ended.subList(Math.min(KEPT, ended.size()), ended.size())) {
            delete(old);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}", file, e);
        }
    }

    private static boolean running(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }
}
