package org.medscribe.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medscribe.capture.DocumentImporter;
import org.medscribe.capture.DocumentKind;
import org.medscribe.capture.ImportOptions;
import org.medscribe.capture.ImportResult;
import org.medscribe.capture.ui.DocumentImporting;
import org.medscribe.capture.DocumentProvenance;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;

/**
 * The sources column's import on the document importer (PDF text, OCR of scanned pages and photos,
 * hidden-text detection; parsing runs in a child process). A password-protected PDF is read with
 * the password the doctor typed; the characters are wiped once the child process has them. The
 * document keeps its provenance: the file's SHA-256 and media type, and each page's characters of
 * the text (pages joined by a blank line). Blocking: io executor.
 */
final class CaptureImporting implements DocumentImporting {

    private final DocumentImporter importer;

    CaptureImporting(DocumentImporter importer) {
        this.importer = importer;
    }

    @Override
    public ImportedDocument read(Path file, CancellationToken cancel) {
        String mediaType = mediaType(file);
        return document(importer.importFile(file, ImportOptions.defaults(), ProgressListener.NONE, cancel), mediaType);
    }

    @Override
    public ImportedDocument read(Path file, char[] password, CancellationToken cancel) {
        try {
            String mediaType = mediaType(file);
            return document(importer.importFile(file, ImportOptions.withPassword(password), ProgressListener.NONE,
                    cancel), mediaType);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static ImportedDocument document(ImportResult result, String sniffed) {
        String mediaType = result.kind() == DocumentKind.PDF ? "application/pdf" : sniffed;
        DocumentProvenance provenance = new DocumentProvenance(mediaType, result.sha256(), result.pageRanges()
                .stream().map(range -> new DocumentProvenance.Page(range.page(), range.start(), range.end())).toList());
        return new ImportedDocument(result.fileName(), result.fullText(), result.pageCount(), result.hiddenTextFound(),
                provenance);
    }

    /**
     * The media type of a photo or scan, from the file's first bytes (the importer tells only PDF or
     * image); null when the file cannot be read here, and the importer then gives the reason.
     */
    static String mediaType(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        } catch (IOException unreadable) {
            return null;
        }
        if (head.length < 4) {
            return null;
        }
        int b0 = head[0] & 0xFF;
        int b1 = head[1] & 0xFF;
        int b2 = head[2] & 0xFF;
        int b3 = head[3] & 0xFF;
        if (b0 == 0x89 && b1 == 'P' && b2 == 'N' && b3 == 'G') {
            return "image/png";
        }
        if (b0 == 0xFF && b1 == 0xD8 && b2 == 0xFF) {
            return "image/jpeg";
        }
        if ((b0 == 'I' && b1 == 'I' && b2 == 42 && b3 == 0) || (b0 == 'M' && b1 == 'M' && b2 == 0 && b3 == 42)) {
            return "image/tiff";
        }
        return null;
    }
}
