package org.medscribe.export;

import java.util.Locale;

/** What a record can be exported as. */
public enum ExportFormat {
    /** Printable PDF with letterhead, footer and (for drafts) a watermark. */
    PDF,
    /** Plain text in the EMR's layout, CRLF line endings, for the clipboard or a paste. */
    TEXT,
    /** Structured JSON ({@code medscribe.record/1}). */
    JSON;

    public static ExportFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pdf" -> PDF;
            case "text", "txt" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
