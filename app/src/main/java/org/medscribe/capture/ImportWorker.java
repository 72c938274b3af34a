package org.medscribe.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.medscribe.capture.ocr.TesseractOcr;
import org.medscribe.capture.pdf.PdfLimits;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the child JVM that reads one untrusted file. Reads a JSON request on stdin (the
 * password travels there, never on the command line where other users could see it), writes JSON
 * lines on stdout: {@code {"progress":{...}}} while working, then one {@code {"result":{...}}} or
 * {@code {"error":{...}}}. Anything else printed goes to stderr, so libraries cannot corrupt the
 * protocol. Exits when done.
 */
public final class ImportWorker {

    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private ImportWorker() {
    }

    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        ObjectMapper mapper = ImportJson.mapper();
        try {
            JsonNode request = mapper.readTree(System.in.readNBytes(MAX_REQUEST_BYTES));
            ImportLimits limits = limits(request.get("limits"));
            boolean ocr = request.path("ocr").asBoolean(true);
            Optional<TesseractOcr> tesseract = ocr ? TesseractOcr.locate() : Optional.empty();
            ImportJob job = new ImportJob(limits, Path.of(request.get("scratch").asText()), tesseract,
                    (phase, fraction) -> send(protocol, mapper, progress(mapper, phase, fraction)),
                    CancellationToken.none());
            String password = request.hasNonNull("password") ? request.get("password").asText() : null;
            String languages = request.hasNonNull("ocr_languages") ? request.get("ocr_languages").asText() : null;
            ImportResult result = job.run(Path.of(request.get("file").asText()), password,
                    new ImportOptions(null, ocr, languages));
            ObjectNode message = mapper.createObjectNode();
            message.set("result", mapper.valueToTree(result));
            send(protocol, mapper, message);
        } catch (MedScribeException failure) {
            send(protocol, mapper, error(mapper, failure.category(), failure.messageKey(), failure.arguments()));
        } catch (OutOfMemoryError exhausted) {
            send(protocol, mapper, error(mapper, Category.BAD_INPUT, "capture.too.complex", new Object[0]));
        } catch (StackOverflowError tooDeep) {
            send(protocol, mapper, error(mapper, Category.BAD_INPUT, "capture.pdf.damaged", new Object[0]));
        } catch (Throwable unexpected) {
            LoggerFactory.getLogger(ImportWorker.class).error("import worker failed", unexpected);
            send(protocol, mapper, error(mapper, Category.FAILED, "capture.failed",
                    new Object[] {unexpected.getClass().getSimpleName()}));
        }
        protocol.flush();
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
                node.path("max_image_pixels").asLong(defaults.pdf().maxImagePixels()));
        return new ImportLimits(pdf, node.path("max_file_bytes").asLong(defaults.maxFileBytes()),
                node.path("max_image_pages").asInt(defaults.maxImagePages()), defaults.stallLimit(), defaults.timeLimit(),
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
        node.put("max_file_bytes", limits.maxFileBytes());
        node.put("max_image_pages", limits.maxImagePages());
        node.put("ocr_page_millis", limits.ocrPageLimit().toMillis());
        return node;
    }

    private static ObjectNode progress(ObjectMapper mapper, String phase, double fraction) {
        ObjectNode message = mapper.createObjectNode();
        ObjectNode body = message.putObject("progress");
        body.put("phase", phase);
        body.put("fraction", fraction);
        return message;
    }

    private static ObjectNode error(ObjectMapper mapper, Category category, String key, Object[] arguments) {
        ObjectNode message = mapper.createObjectNode();
        ObjectNode body = message.putObject("error");
        body.put("category", category.name());
        body.put("key", key);
        var args = body.putArray("arguments");
        for (Object argument : arguments) {
            args.add(String.valueOf(argument));
        }
        return message;
    }

    private static synchronized void send(PrintStream protocol, ObjectMapper mapper, ObjectNode message) {
        try {
            protocol.print(mapper.writeValueAsString(message));
            protocol.print('\n');
            protocol.flush();
        } catch (Exception unwritable) {
            // the parent is gone or stopped reading; nothing to report to
        }
    }
}
