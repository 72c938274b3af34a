package org.medscribe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.export.ClinicHeader;
import org.medscribe.export.ExportFormat;
import org.medscribe.export.RecordDocument;
import org.medscribe.export.RecordExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medscribe export --in RECORD.json --format pdf|text|json --out FILE}: writes a record as
 * a PDF, EMR plain text or JSON. The clinic letterhead comes from options, else from the
 * {@code clinic} object of the settings file ({@code --settings}, default the user's settings.json).
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a record (draft or signed, JSON) as PDF, EMR plain text or JSON.")
final class ExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--in", required = true, paramLabel = "RECORD.json", description = "The record JSON (see docs/export.md).")
    Path in;

    @Option(names = "--format", required = true, paramLabel = "pdf|text|json", description = "pdf, text or json")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the export.")
    Path out;

    @Option(names = "--clinic-name", paramLabel = "NAME", description = "Clinic name for the PDF letterhead.")
    String clinicName;

    @Option(names = "--clinic-address", paramLabel = "TEXT", description = "Clinic address for the letterhead (\\n for new lines).")
    String clinicAddress;

    @Option(names = "--clinic-logo", paramLabel = "IMAGE", description = "PNG or JPEG logo for the letterhead.")
    Path clinicLogo;

    @Option(names = "--settings", paramLabel = "SETTINGS.json",
            description = "Settings file with a \"clinic\" object (name, address, logo); default: the user's settings.")
    Path settings;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ExportFormat exportFormat;
        try {
            exportFormat = ExportFormat.parse(format);
        } catch (IllegalArgumentException unknown) {
            throw new MedScribeException(Category.BAD_INPUT, "export.format.unknown", format);
        }
        if (!Files.isRegularFile(in)) {
            throw new MedScribeException(Category.BAD_INPUT, "export.record.unreadable", String.valueOf(in.getFileName()));
        }
        RecordDocument record = RecordDocument.read(in);
        new RecordExporter().export(record, clinic(), exportFormat, out);
        context.err().println(context.messages().get("export.done", out.toAbsolutePath().toString()));
        context.err().flush();
        return MedScribeCommand.OK;
    }

    private ClinicHeader clinic() {
        ClinicHeader fromSettings = fromSettings();
        String name = clinicName != null ? clinicName : fromSettings.name();
        String address = clinicAddress != null ? clinicAddress.replace("\\n", "\n") : fromSettings.address();
        Path logo = clinicLogo != null ? clinicLogo : fromSettings.logo();
        return new ClinicHeader(name, logo, address);
    }

    private ClinicHeader fromSettings() {
        Path file = settings != null ? settings : context.directories().settingsFile();
        if (!Files.isRegularFile(file)) {
            if (settings != null) {
                throw new MedScribeException(Category.BAD_INPUT, "export.settings.unreadable", String.valueOf(file.getFileName()));
            }
            return ClinicHeader.none();
        }
        try {
            JsonNode clinic = new ObjectMapper().readTree(file.toFile()).path("clinic");
            String logo = text(clinic, "logo");
            Path logoPath = logo == null ? null : file.toAbsolutePath().getParent().resolve(logo);
            return new ClinicHeader(text(clinic, "name"), logoPath, text(clinic, "address"));
        } catch (IOException unreadable) {
            throw new MedScribeException(Category.BAD_INPUT, unreadable, "export.settings.unreadable",
                    String.valueOf(file.getFileName()));
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
