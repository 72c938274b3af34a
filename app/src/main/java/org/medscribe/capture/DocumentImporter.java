package org.medscribe.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.process.ChildJvm;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.common.ProgressListener;
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
            writeRequest(process.getOutputStream(), absolute, options, scratch);
            return await(process, progress, cancel);
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

    private void writeRequest(OutputStream stdin, Path file, ImportOptions options, Path scratch) throws IOException {
        ObjectMapper mapper = ImportJson.mapper();
        ObjectNode request = mapper.createObjectNode();
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
        try (stdin) {
            stdin.write(mapper.writeValueAsBytes(request));
        }
    }

    /** A line from the child, or the end of its output. */
    private record Line(String text, boolean end, boolean overflow) {
    }

    private ImportResult await(Process process, ProgressListener progress, CancellationToken cancel) {
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(process.getInputStream(), lines), "import-worker-out");
        reader.setDaemon(true);
        reader.start();
        Thread drain = new Thread(() -> drain(process.getErrorStream()), "import-worker-err");
        drain.setDaemon(true);
        drain.start();
        long start = System.nanoTime();
        long lastProgress = start;
        ObjectMapper mapper = ImportJson.mapper();
        while (true) {
            long now = System.nanoTime();
            long stallLeft = limits.stallLimit().toNanos() - (now - lastProgress);
            long totalLeft = limits.timeLimit().toNanos() - (now - start);
            long wait = Math.min(stallLeft, totalLeft);
            Line line;
            try {
                line = wait <= 0 ? null : lines.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new CancelledException();
            }
            if (cancel.isCancelled()) {
                process.destroyForcibly();
                throw new CancelledException();
            }
            if (line == null) {
                process.destroyForcibly();
                LOG.warn("import worker stopped: no progress within the limit");
                long seconds = (stallLeft <= totalLeft ? limits.stallLimit() : limits.timeLimit()).toSeconds();
                throw new MedScribeException(Category.BAD_INPUT, "capture.timeout", seconds);
            }
            if (line.overflow()) {
                process.destroyForcibly();
                throw new MedScribeException(Category.BAD_INPUT, "capture.output.too.large");
            }
            if (line.end()) {
                int exit = exitCode(process);
                LOG.warn("import worker ended without an answer (exit {})", exit);
                if (cancel.isCancelled()) {
                    throw new CancelledException();
                }
                throw new MedScribeException(Category.BAD_INPUT, "capture.reader.crashed", exit);
            }
            JsonNode message;
            try {
                message = mapper.readTree(line.text());
            } catch (IOException garbled) {
                continue; // not ours; the protocol stream only carries whole JSON lines
            }
            if (message.has("progress")) {
                lastProgress = System.nanoTime();
                JsonNode body = message.get("progress");
                progress.progress(body.path("phase").asText(), body.path("fraction").asDouble(ProgressListener.INDETERMINATE));
            } else if (message.has("result")) {
                try {
                    return mapper.treeToValue(message.get("result"), ImportResult.class);
                } catch (IOException garbled) {
                    throw new MedScribeException(Category.FAILED, garbled, "capture.failed", "result");
                }
            } else if (message.has("error")) {
                throw failure(message.get("error"));
            }
        }
    }

    private static MedScribeException failure(JsonNode error) {
        Category category;
        try {
            category = Category.valueOf(error.path("category").asText("FAILED"));
        } catch (IllegalArgumentException unknown) {
            category = Category.FAILED;
        }
        List<Object> arguments = new ArrayList<>();
        error.path("arguments").forEach(argument -> arguments.add(argument.asText()));
        String key = error.path("key").asText("capture.failed");
        if (category == Category.CANCELLED) {
            return new CancelledException();
        }
        return new MedScribeException(category, key, arguments.toArray());
    }

    private static int exitCode(Process process) {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Splits the child's stdout into lines, never holding more than the output cap. */
    private static void readLines(InputStream stdout, BlockingQueue<Line> lines) {
        try (Reader in = new InputStreamReader(stdout, StandardCharsets.UTF_8)) {
            StringBuilder current = new StringBuilder();
            long total = 0;
            char[] buffer = new char[16 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > MAX_OUTPUT_CHARS) {
                    lines.add(new Line(null, false, true));
                    return;
                }
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        lines.add(new Line(current.toString(), false, false));
                        current.setLength(0);
                    } else {
                        current.append(c);
                    }
                }
            }
            if (current.length() > 0) {
                lines.add(new Line(current.toString(), false, false));
            }
        } catch (IOException closed) {
            // the child was killed
        }
        lines.add(new Line(null, true, false));
    }

    /** The child's stderr carries library warnings; it is read so the child never blocks, not kept. */
    private static void drain(InputStream stderr) {
        byte[] buffer = new byte[8192];
        try (stderr) {
            while (stderr.read(buffer) >= 0) {
                // discarded
            }
        } catch (IOException closed) {
            // the child was killed
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
