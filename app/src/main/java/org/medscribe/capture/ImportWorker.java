package org.medscribe.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.medscribe.capture.ocr.TesseractOcr;
import org.medscribe.capture.pdf.PdfLimits;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.process.Frames;
import org.medscribe.process.ParentWire;
import org.medscribe.process.WorkDeadline;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the child JVM that reads one untrusted file. Reads one {@code import} frame on
 * stdin (the password travels there, never on the command line where other users could see it),
 * answers with {@code progress} frames while working, then one {@code result} or {@code error}
 * frame ({@link Frames}). Anything else printed goes to stderr, so libraries cannot corrupt the
 * wire. Exits when done, when its parent is gone (stdin closes) or when it overruns its own stall or
 * time limit (the same limits the parent enforces), killing its Tesseract run with it.
 */
public final class ImportWorker {

    private ImportWorker() {
    }

    public static void main(String[] args) {
        ParentWire wire = ParentWire.claim();
        ObjectMapper mapper = ImportJson.mapper();
        try {
            ObjectNode request = wire.next().orElseThrow(
                    () -> new MedScribeException(Category.FAILED, "capture.failed", "request"));
            // The parent keeps our stdin open while it waits: its end, however it comes, ends us.
            wire.endWhenInputCloses();
            ImportLimits limits = limits(request.get("limits"));
            // Our own deadlines, the parent's: a parent that cannot kill us must not leave us reading.
            WorkDeadline deadline = WorkDeadline.start(limits.stallLimit(), limits.timeLimit(), passed -> {
                wire.send(Frames.error(0, new MedScribeException(Category.BAD_INPUT, "capture.timeout",
                        passed.toSeconds())));
                ParentWire.orphaned();
            });
            boolean ocr = request.path("ocr").asBoolean(true);
            Optional<TesseractOcr> tesseract = ocr ? TesseractOcr.locate() : Optional.empty();
            ImportJob job = new ImportJob(limits, Path.of(request.get("scratch").asText()), tesseract,
                    (phase, fraction) -> {
                        deadline.progress();
                        wire.send(Frames.frame("progress", 0).put("phase", phase).put("fraction", fraction));
                    },
                    CancellationToken.none());
            String password = request.hasNonNull("password") ? request.get("password").asText() : null;
            String languages = request.hasNonNull("ocr_languages") ? request.get("ocr_languages").asText() : null;
            ImportResult result = job.run(Path.of(request.get("file").asText()), password,
                    new ImportOptions(null, ocr, languages));
            ObjectNode answer = Frames.frame("result", 0);
            answer.set("result", mapper.valueToTree(result));
            wire.send(answer);
        } catch (MedScribeException failure) {
            wire.send(Frames.error(0, failure));
        } catch (OutOfMemoryError exhausted) {
            wire.send(Frames.error(0, new MedScribeException(Category.BAD_INPUT, "capture.too.complex")));
        } catch (StackOverflowError tooDeep) {
            wire.send(Frames.error(0, new MedScribeException(Category.BAD_INPUT, "capture.pdf.damaged")));
        } catch (Throwable unexpected) {
            LoggerFactory.getLogger(ImportWorker.class).error("import worker failed", unexpected);
            wire.send(Frames.error(0, new MedScribeException(Category.FAILED, "capture.failed",
                    unexpected.getClass().getSimpleName())));
        }
        // AWT and ImageIO may leave non-daemon threads behind; the child's work is done.
        System.exit(0);
    }

    static ImportLimits limits(JsonNode node) {
        ImportLimits defaults = ImportLimits.defaults();
        if (node == null || node.isNull()) {
            return defaults;
        }
        PdfLimits pdf = new PdfLimits(node.path("max_pages").asInt(defaults.pdf().maxPages()),
                node.path("max_characters").asInt(defaults.pdf().maxCharacters()),
                node.path("max_glyphs").asLong(defaults.pdf().maxGlyphs()),
                node.path("max_glyphs_per_page").asInt(defaults.pdf().maxGlyphsPerPage()),
                node.path("max_operators").asLong(defaults.pdf().maxOperators()),
                node.path("max_decoded_stream_bytes").asLong(defaults.pdf().maxDecodedStreamBytes()),
                node.path("max_image_pixels").asLong(defaults.pdf().maxImagePixels()),
                node.path("max_content_bytes_per_page").asLong(defaults.pdf().maxContentBytesPerPage()),
                node.path("max_content_bytes_per_document").asLong(defaults.pdf().maxContentBytesPerDocument()));
        return new ImportLimits(pdf, node.path("max_file_bytes").asLong(defaults.maxFileBytes()),
                node.path("max_image_pages").asInt(defaults.maxImagePages()),
                Duration.ofMillis(node.path("stall_millis").asLong(defaults.stallLimit().toMillis())),
                Duration.ofMillis(node.path("time_millis").asLong(defaults.timeLimit().toMillis())),
                Duration.ofMillis(node.path("ocr_page_millis").asLong(defaults.ocrPageLimit().toMillis())),
                defaults.childHeap());
    }

    static ObjectNode limitsJson(ObjectMapper mapper, ImportLimits limits) {
        ObjectNode node = mapper.createObjectNode();
        node.put("max_pages", limits.pdf().maxPages());
        node.put("max_characters", limits.pdf().maxCharacters());
        node.put("max_glyphs", limits.pdf().maxGlyphs());
        node.put("max_glyphs_per_page", limits.pdf().maxGlyphsPerPage());
        node.put("max_operators", limits.pdf().maxOperators());
        node.put("max_decoded_stream_bytes", limits.pdf().maxDecodedStreamBytes());
        node.put("max_image_pixels", limits.pdf().maxImagePixels());
        node.put("max_content_bytes_per_page", limits.pdf().maxContentBytesPerPage());
        node.put("max_content_bytes_per_document", limits.pdf().maxContentBytesPerDocument());
        node.put("max_file_bytes", limits.maxFileBytes());
        node.put("max_image_pages", limits.maxImagePages());
        node.put("ocr_page_millis", limits.ocrPageLimit().toMillis());
        node.put("stall_millis", limits.stallLimit().toMillis());
        node.put("time_millis", limits.timeLimit().toMillis());
        return node;
    }
}
