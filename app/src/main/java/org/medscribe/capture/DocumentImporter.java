package org.medscribe.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
import org.medscribe.process.ChildJvm;
import org.medscribe.process.ChildProcess;
import org.medscribe.process.Frames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a PDF or a photo/scan of a document: page text (OCR where a page is only an image), hidden
 * text kept apart, filled form values, lab values.
 *
 * <p>The file is read in a child JVM of this runtime ({@link ImportWorker}) with a small heap, killed
 * when it stops making progress or runs too long, so a decompression bomb, a deeply nested or
 * endlessly looping file, or a crash in a native image decoder or Tesseract cannot freeze or kill the
 * app. Every failure comes back as a {@link MedScribeException} whose key gives a one-line reason:
 * {@code BAD_INPUT} for a file that is refused (wrong password, damaged, hostile), {@code FAILED} for
 * a problem on this machine (Tesseract missing), {@code CANCELLED} on cancel.
 *
 * <p>Thread-safe; {@link #importFile} blocks for the duration of the import, so call it from a
 * background ({@code io}) executor, never the FX thread. Several imports may run at once, each in its
 * own child. Temp files go to a private folder under {@code workRoot} and are deleted afterwards.
 */
public final class DocumentImporter {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentImporter.class);
    private static final int MAX_OUTPUT_CHARS = 48 * 1024 * 1024;

    private final Path workRoot;
    private final ImportLimits limits;

    /** @param workRoot an app-owned folder for temp files and PDFBox's font cache, e.g. {@code <data>/import} */
    public DocumentImporter(Path workRoot) {
        this(workRoot, ImportLimits.defaults());
    }

    public DocumentImporter(Path workRoot, ImportLimits limits) {
        this.workRoot = workRoot.toAbsolutePath().normalize();
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImportLimits limits() {
        return limits;
    }

    /**
     * Imports {@code file}.
     *
     * @param options password (used for this call only), OCR on/off and languages
     * @param progress told of phases ({@code capture.phase.*} keys), from a background thread
     * @throws MedScribeException with a message key giving the reason the file was not imported
     */
    public ImportResult importFile(Path file, ImportOptions options, ProgressListener progress, CancellationToken cancel) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        cancel.throwIfCancelled();
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new MedScribeException(Category.BAD_INPUT, "capture.file.missing", String.valueOf(file.getFileName()));
        }
        Path scratch = createScratch();
        Process process = null;
        Runnable removeCancel = () -> { };
        try {
            ChildJvm child = ChildJvm.of(ImportWorker.class)
                    .maxHeap(limits.childHeap())
                    // A short-lived reader: the quick compiler alone starts it sooner.
                    .jvmOption("-XX:TieredStopAtLevel=1")
                    .systemProperty("java.io.tmpdir", scratch.toString())
                    .systemProperty("pdfbox.fontcache", workRoot.resolve("fontcache").toString())
                    .workingDirectory(scratch);
            process = child.start();
            Process started = process;
            removeCancel = cancel.onCancel(started::destroyForcibly);
            Answers answers = new Answers();
            ChildProcess worker = ChildProcess.attach(process, "import-worker", MAX_OUTPUT_CHARS, answers);
            // stdin stays open until the child is destroyed below: its end tells the child we are gone.
            worker.send(request(absolute, options, scratch));
            return await(worker, answers.queue, progress, cancel);
        } catch (IOException failedToStart) {
            throw new MedScribeException(Category.FAILED, failedToStart, "capture.failed", "start");
        } finally {
            removeCancel.run();
            if (process != null) {
                process.destroyForcibly();
            }
            deleteQuietly(scratch);
        }
    }

    private Path createScratch() {
        try {
            Path parent = Files.createDirectories(workRoot.resolve("scratch"));
            // PDFBox keeps its index of the system's fonts here; building it takes seconds, so keep it.
            Files.createDirectories(workRoot.resolve("fontcache"));
            restrict(workRoot);
            sweepStale(parent);
            Path scratch = parent.resolve(UUID.randomUUID().toString());
            Files.createDirectory(scratch);
            restrict(scratch);
            return scratch;
        } catch (IOException unwritable) {
            throw new MedScribeException(Category.FAILED, unwritable, "capture.failed", "scratch");
        }
    }

    /** Removes scratch folders a killed app or a locked file (Windows) left behind over a day ago. */
    private static void sweepStale(Path parent) {
        java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        try (Stream<Path> dirs = Files.list(parent)) {
            for (Path dir : dirs.toList()) {
                try {
                    if (Files.getLastModifiedTime(dir).toInstant().isBefore(dayAgo)) {
                        deleteQuietly(dir);
                    }
                } catch (IOException gone) {
                    // another import removed it
                }
            }
        } catch (IOException unlistable) {
            // nothing to sweep
        }
    }

    private static void restrict(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows: the folder is inside the user's private profile
        }
    }

    private ObjectNode request(Path file, ImportOptions options, Path scratch) {
        ObjectMapper mapper = ImportJson.mapper();
        ObjectNode request = Frames.frame("import", 0);
        request.put("file", file.toString());
        if (options.password() != null) {
            request.put("password", new String(options.password()));
        }
        request.put("ocr", options.ocr());
        if (options.ocrLanguages() != null) {
            request.put("ocr_languages", options.ocrLanguages());
        }
        request.put("scratch", scratch.toString());
        request.set("limits", ImportWorker.limitsJson(mapper, limits));
        return request;
    }

    /** A frame from the child, or the end of its output. */
    private record Answer(ObjectNode frame, boolean end, boolean overflow) {
    }

    /** What the child sent, in order, for the waiting thread. */
    private static final class Answers implements ChildProcess.Listener {
        final BlockingQueue<Answer> queue = new LinkedBlockingQueue<>();

        @Override
        public void frame(ObjectNode frame) {
            queue.add(new Answer(frame, false, false));
        }

        @Override
        public void ended() {
            queue.add(new Answer(null, true, false));
        }

        @Override
        public void overflowed() {
            queue.add(new Answer(null, false, true));
        }
    }

    private ImportResult await(ChildProcess process, BlockingQueue<Answer> answers, ProgressListener progress,
            CancellationToken cancel) {
        long start = System.nanoTime();
        long lastProgress = start;
        ObjectMapper mapper = ImportJson.mapper();
        while (true) {
            long now = System.nanoTime();
            long stallLeft = limits.stallLimit().toNanos() - (now - lastProgress);
            long totalLeft = limits.timeLimit().toNanos() - (now - start);
            long wait = Math.min(stallLeft, totalLeft);
            Answer line;
            try {
                line = wait <= 0 ? null : answers.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                process.kill();
                throw new CancelledException();
            }
            if (cancel.isCancelled()) {
                process.kill();
                throw new CancelledException();
            }
            if (line == null) {
                process.kill();
                LOG.warn("import worker stopped: no progress within the limit");
                long seconds = (stallLeft <= totalLeft ? limits.stallLimit() : limits.timeLimit()).toSeconds();
                throw new MedScribeException(Category.BAD_INPUT, "capture.timeout", seconds);
            }
            if (line.overflow()) {
                process.kill();
                throw new MedScribeException(Category.BAD_INPUT, "capture.output.too.large");
            }
            if (line.end()) {
                int exit = process.exitCode(Duration.ofSeconds(5));
                LOG.warn("import worker ended without an answer (exit {})", exit);
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                throw new MedScribeException(Category.BAD_INPUT, "capture.reader.crashed", exit);
            }
            ObjectNode message = line.frame();
            switch (Frames.type(message)) {
                case "progress" -> {
                    lastProgress = System.nanoTime();
                    progress.progress(message.path("phase").asText(),
                            message.path("fraction").asDouble(ProgressListener.INDETERMINATE));
                }
                case "result" -> {
                    try {
                        return Frames.read(mapper, message.get("result"), ImportResult.class);
                    } catch (IllegalArgumentException garbled) {
                        throw new MedScribeException(Category.FAILED, garbled, "capture.failed", "result");
                    }
                }
                case "error" -> throw Frames.failure(message, "capture.failed");
                default -> {
                    // not an answer this version knows
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException stillOpen) {
                    // a file still held open (Windows) is removed with the next import's sweep
                }
            });
        } catch (IOException gone) {
            // nothing to delete
        }
    }
}
