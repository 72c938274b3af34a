package org.medscribe.capture.ui;

import java.nio.file.Path;
import org.medscribe.common.CancellationToken;

/**
 * Turns an imported file into source text. Blocking (PDF parsing, OCR, in a child process): call on
 * the io executor.
 */
@FunctionalInterface
public interface DocumentImporting {

    /**
     * @throws org.medscribe.common.MedScribeException BAD_INPUT with the reason for a file it refuses
     */
    ImportedDocument read(Path file, CancellationToken cancel);

    /** The text of an imported document and how many pages it had. */
    record ImportedDocument(String label, String text, int pageCount, boolean hiddenTextFound) {
    }
}
