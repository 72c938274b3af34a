package org.medscribe.capture;

/**
 * How to import one file.
 *
 * @param password the PDF's password as the user typed it, or null; used once, never stored or logged
 * @param ocr whether to recognise text in scanned pages and photos
 * @param ocrLanguages Tesseract language argument (e.g. {@code chi_sim+eng}), or null for Chinese and
 *        English as installed
 */
public record ImportOptions(char[] password, boolean ocr, String ocrLanguages) {

    public static ImportOptions defaults() {
        return new ImportOptions(null, true, null);
    }

    public static ImportOptions withPassword(char[] password) {
        return new ImportOptions(password, true, null);
    }
}
