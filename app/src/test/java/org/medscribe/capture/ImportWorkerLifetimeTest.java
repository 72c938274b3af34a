package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.medscribe.process.ChildJvm;
import org.medscribe.process.ChildProcess;
import org.medscribe.process.Frames;

/**
 * The import worker never outlives the process that started it, nor its own deadlines. A stand-in
 * Tesseract that never answers keeps a real worker busy (it tells the test its process id through a
 * named pipe, so nothing is guessed or polled); then the worker's parent, a real JVM importing with
 * the real {@link DocumentImporter}, is killed.
 */
class ImportWorkerLifetimeTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private final List<ProcessHandle> started = new java.util.ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @ParameterizedTest(name = "parent killed with {0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void theWorkerAndItsOcrRunEndWhenTheParentIsKilled(String signal) throws Exception {
        Path fifo = fifo();
        Path tesseract = deafTesseract(fifo);
        Path scan = scan();

        Process parent = ChildJvm.of(ImportParentDrill.class).maxHeap("128m")
                .systemProperty("medscribe.tesseract", tesseract.toString())
                .argument(scan.toString()).argument(temp.resolve("work").toString())
                .start();
        started.add(parent.toHandle());
        drain(parent);
        ProcessHandle ocr = ProcessHandle.of(readPid(fifo)).orElseThrow();
        started.add(ocr);
        ProcessHandle worker = ocr.parent().orElseThrow();
        started.add(worker);
        assertThat(worker.parent().map(ProcessHandle::pid)).contains(parent.pid());

        if (signal.equals("SIGKILL")) {
            parent.destroyForcibly();
        } else {
            parent.destroy();
        }
        assertThat(parent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

        worker.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        ocr.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(worker.isAlive()).isFalse();
        assertThat(ocr.isAlive()).isFalse();
    }

    @Test
    void aWorkerWhoseParentWaitsForeverStopsItselfAtItsStallLimit() throws Exception {
        Path fifo = fifo();
        Path tesseract = deafTesseract(fifo);
        Path scan = scan();
        BlockingQueue<ObjectNode> frames = new LinkedBlockingQueue<>();
        Process process = ChildJvm.of(ImportWorker.class).maxHeap("256m")
                .systemProperty("medscribe.tesseract", tesseract.toString())
                .start();
        started.add(process.toHandle());
        // This parent enforces no deadline: it only listens.
        ChildProcess worker = ChildProcess.attach(process, "import-worker", Long.MAX_VALUE, frames::add);
        ImportLimits limits = new ImportLimits(ImportLimits.defaults().pdf(), 200L * 1024 * 1024, 5,
                Duration.ofSeconds(3), Duration.ofMinutes(30), Duration.ofMinutes(30), "256m");
        ObjectNode request = Frames.frame("import", 0);
        request.put("file", scan.toString());
        request.put("ocr", true);
        request.put("scratch", Files.createDirectories(temp.resolve("scratch")).toString());
        request.set("limits", ImportWorker.limitsJson(ImportJson.mapper(), limits));
        worker.send(request);
        ProcessHandle ocr = ProcessHandle.of(readPid(fifo)).orElseThrow();
        started.add(ocr);

        ObjectNode answer;
        do {
            answer = frames.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer).as("an answer within " + BOUND).isNotNull();
        } while (Frames.type(answer).equals("progress"));

        assertThat(Frames.type(answer)).isEqualTo("error");
        assertThat(answer.path("key").asText()).isEqualTo("capture.timeout");
        assertThat(answer.path("args").get(0).asLong()).isEqualTo(3);
        assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        ocr.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    /** A named pipe: opening it for reading waits until the stand-in Tesseract writes its pid. */
    private Path fifo() throws Exception {
        Path fifo = temp.resolve("ocr.pid");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        return fifo;
    }

    private long readPid(Path fifo) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.US_ASCII).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return Long.parseLong(line.get(60, TimeUnit.SECONDS));
    }

    /** Answers the language query like Tesseract; asked to read a page, says its pid and never ends. */
    private Path deafTesseract(Path fifo) throws Exception {
        Path script = temp.resolve("tesseract");
        Files.writeString(script, "#!/bin/sh\n"
                + "for a in \"$@\"; do\n"
                + "  if [ \"$a\" = \"--list-langs\" ]; then echo 'List of available languages (1):'; echo eng; exit 0; fi\n"
                + "done\n"
                + "echo $$ > '" + fifo + "'\n"
                + "exec tail -f /dev/null\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** A photographed page: black lines on white, so the importer hands it to OCR. */
    private Path scan() throws Exception {
        BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 400);
        g.setColor(Color.BLACK);
        for (int y = 40; y < 360; y += 30) {
            g.fillRect(40, y, 500, 8);
        }
        g.dispose();
        Path file = temp.resolve("scan.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** The parent's output is not needed, but must not fill its pipes. */
    private static void drain(Process process) {
        for (java.io.InputStream stream : List.of(process.getInputStream(), process.getErrorStream())) {
            Thread thread = new Thread(() -> {
                try {
                    stream.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException closed) {
                    // the process ended
                }
            }, "drain");
            thread.setDaemon(true);
            thread.start();
        }
    }
}
