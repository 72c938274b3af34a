package org.medscribe.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * Exports a record to a file as PDF, EMR plain text or JSON. The file is written to a temp file
 * beside the target and moved into place, so a crash never leaves half a PDF under the real name.
 *
 * <p>Stateless and thread-safe; blocking (PDF export takes a few hundred milliseconds for the font),
 * so call it off the FX thread.
 */
public final class RecordExporter {

    /**
     * @throws MedScribeException BAD_INPUT (unreadable logo), FAILED (write error, missing font)
     */
    public void export(RecordDocument record, ClinicHeader clinic, ExportFormat format, Path target) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(format, "format");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".medscribe-export-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(record, clinic, format, out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException failed) {
            throw new MedScribeException(Category.FAILED, failed, "export.write.failed", String.valueOf(target.getFileName()));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover hidden temp file is harmless
                }
            }
        }
    }

    /** Writes the export to {@code out} (not closed): for the clipboard, a print job, a test. */
    public void write(RecordDocument record, ClinicHeader clinic, ExportFormat format, OutputStream out) throws IOException {
        switch (format) {
            case PDF -> PdfRecord.write(record, clinic, out);
            case TEXT -> out.write(PlainTextRecord.render(record).getBytes(StandardCharsets.UTF_8));
            case JSON -> out.write(JsonRecord.render(record, clinic).getBytes(StandardCharsets.UTF_8));
        }
    }
}
