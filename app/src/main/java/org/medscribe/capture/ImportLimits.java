package org.medscribe.capture;

import java.time.Duration;
import java.util.Objects;
import org.medscribe.capture.pdf.PdfLimits;

/**
 * Caps on one import. The child process that reads the file is killed when it makes no progress for
 * {@code stallLimit} or runs past {@code timeLimit}.
 *
 * @param pdf caps inside the PDF reader
 * @param maxFileBytes larger files are refused before reading
 * @param maxImagePages pages read from a multi-page TIFF
 * @param stallLimit longest time without progress (one page, one OCR run)
 * @param timeLimit longest time for the whole import
 * @param ocrPageLimit longest time Tesseract may spend on one page
 * @param childHeap maximum heap of the reading process, e.g. {@code "768m"}
 */
public record ImportLimits(PdfLimits pdf, long maxFileBytes, int maxImagePages, Duration stallLimit,
        Duration timeLimit, Duration ocrPageLimit, String childHeap) {

    public ImportLimits {
        Objects.requireNonNull(pdf, "pdf");
        Objects.requireNonNull(stallLimit, "stallLimit");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(ocrPageLimit, "ocrPageLimit");
        Objects.requireNonNull(childHeap, "childHeap");
    }

    public static ImportLimits defaults() {
        return new ImportLimits(PdfLimits.defaults(), 200L * 1024 * 1024, 50, Duration.ofSeconds(90),
                Duration.ofMinutes(30), Duration.ofSeconds(60), "768m");
    }

    public ImportLimits withPdf(PdfLimits value) {
        return new ImportLimits(value, maxFileBytes, maxImagePages, stallLimit, timeLimit, ocrPageLimit, childHeap);
    }

    public ImportLimits withStallLimit(Duration value) {
        return new ImportLimits(pdf, maxFileBytes, maxImagePages, value, timeLimit, ocrPageLimit, childHeap);
    }

    public ImportLimits withChildHeap(String value) {
        return new ImportLimits(pdf, maxFileBytes, maxImagePages, stallLimit, timeLimit, ocrPageLimit, value);
    }
}
