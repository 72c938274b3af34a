package org.medscribe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.medscribe.capture.DocumentImporter;
import org.medscribe.capture.ImportJson;
import org.medscribe.capture.ImportOptions;
import org.medscribe.capture.ImportResult;
import org.medscribe.common.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code medscribe import FILE [--password P]}: reads a PDF or a photo of a document and prints
 * JSON (pages with text and an {@code ocr} flag, warnings with a localised message, hidden text,
 * lab values). Exit 2 with a one-line reason for a file it refuses.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a PDF or a photo/scan of a document and print its pages, warnings and lab values as JSON.")
final class ImportCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "FILE", description = "PDF, PNG, JPEG or TIFF file")
    Path file;

    @Option(names = "--password", arity = "0..1", interactive = true,
            description = "Password of an encrypted PDF; asked for when given without a value. Never stored.")
    char[] password;

    @Option(names = "--no-ocr", description = "Do not recognise text in page images.")
    boolean noOcr;

    @Option(names = "--ocr-languages", paramLabel = "LANGS",
            description = "Tesseract languages, e.g. chi_sim+eng (default: Chinese and English as installed).")
    String ocrLanguages;

    ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        DocumentImporter importer = new DocumentImporter(context.directories().root().resolve("import"));
        AtomicReference<String> lastPhase = new AtomicReference<>("");
        ImportResult result;
        try {
            result = importer.importFile(file, new ImportOptions(password, !noOcr, ocrLanguages), (phase, fraction) -> {
                if (!phase.equals(lastPhase.getAndSet(phase))) {
                    context.err().println(context.messages().get(phase));
                    context.err().flush();
                }
            }, CancellationToken.none());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        ObjectNode json = ImportJson.mapper().valueToTree(result);
        for (JsonNode warning : json.withArray("warnings")) {
            ObjectNode node = (ObjectNode) warning;
            Object[] arguments = ImportJson.mapper().convertValue(node.get("arguments"), String[].class);
            node.put("message", context.messages().get(node.path("message_key").asText(), arguments));
        }
        context.out().println(ImportJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        context.out().flush();
        return MedScribeCommand.OK;
    }
}
