package org.medscribe.app;

import java.nio.file.Path;
import org.medscribe.capture.DocumentImporter;
import org.medscribe.capture.ImportOptions;
import org.medscribe.capture.ImportResult;
import org.medscribe.capture.ui.DocumentImporting;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;

/**
 * The sources column's import on the document importer (PDF text, OCR of scanned pages and photos,
 * hidden-text detection; parsing runs in a child process). A password-protected PDF is read with
 * the password the doctor typed; the characters are wiped once the child process has them.
 * Blocking: io executor.
 */
final class CaptureImporting implements DocumentImporting {

    private final DocumentImporter importer;

    CaptureImporting(DocumentImporter importer) {
        this.importer = importer;
    }

    @Override
    public ImportedDocument read(Path file, CancellationToken cancel) {
        ImportResult result = importer.importFile(file, ImportOptions.defaults(), ProgressListener.NONE, cancel);
        return new ImportedDocument(result.fileName(), result.fullText(), result.pageCount(), result.hiddenTextFound());
    }

    @Override
    public ImportedDocument read(Path file, char[] password, CancellationToken cancel) {
        try {
            ImportResult result = importer.importFile(file, ImportOptions.withPassword(password), ProgressListener.NONE,
                    cancel);
            return new ImportedDocument(result.fileName(), result.fullText(), result.pageCount(),
                    result.hiddenTextFound());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }
}
