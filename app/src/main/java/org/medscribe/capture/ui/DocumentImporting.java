package org.medscribe.capture.ui;

import org.medscribe.capture.DocumentProvenance;
import java.nio.file.Path;
import java.util.UUID;
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

    /**
     * Reads a password-protected PDF with the password the doctor typed (used for this call only,
     * never kept). A missing or wrong password is BAD_INPUT {@code capture.pdf.password.required} /
     * {@code capture.pdf.password.wrong}.
     */
    default ImportedDocument read(Path file, char[] password, CancellationToken cancel) {
        return read(file, cancel);
    }

    /**
     * The text of an imported document, how many pages it had, and where the text came from (the
     * file's hash and media type, each page's characters) so the encounter keeps it.
     *
     * @param id the id the encounter store gave the document once kept; until then a provisional one
     *           (a document read while no encounter is open), which the store replaces when it keeps it
     */
    record ImportedDocument(String id, String label, String text, int pageCount, boolean hiddenTextFound,
                            DocumentProvenance provenance) {

        public ImportedDocument {
            id = id == null ? UUID.randomUUID().toString() : id;
            provenance = provenance == null ? DocumentProvenance.UNKNOWN : provenance;
        }

        /** A document just read, not yet kept with an encounter. */
        public ImportedDocument(String label, String text, int pageCount, boolean hiddenTextFound,
                                DocumentProvenance provenance) {
            this(null, label, text, pageCount, hiddenTextFound, provenance);
        }

        /** The same document under the id the encounter store gave it. */
        public ImportedDocument keptAs(String keptId) {
            return new ImportedDocument(keptId, label, text, pageCount, hiddenTextFound, provenance);
        }
    }
}
