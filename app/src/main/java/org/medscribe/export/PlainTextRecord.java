package org.medscribe.export;

import org.medscribe.record.RecordFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The record as plain text for the clipboard and for pasting into a hospital EMR's note field:
 * section headings in the EMR style ({@code 主诉：咳嗽三天}, {@code CHIEF COMPLAINT: Cough for 3 days}),
 * no markup, every line ending in CRLF (Windows EMRs need it; others accept it), no stray CR or LF
 * inside lines, no tabs, no trailing spaces. A draft starts with a DRAFT line so it is never pasted
 * as a finished note by mistake. Stateless.
 */
public final class PlainTextRecord {

    public static final String CRLF = "\r\n";

    private PlainTextRecord() {
    }

    public static String render(RecordDocument record) {
        RecordLabels labels = new RecordLabels(record);
        List<String> lines = new ArrayList<>();
        if (record.status() == RecordDocument.Status.DRAFT) {
            lines.add(labels.get("export.label.draft.notice"));
            lines.add("");
        }
        for (RecordDocument.Section section : record.sections()) {
            String heading = labels.heading(section);
            List<String> body = paragraphs(section.text());
            if (body.isEmpty()) {
                lines.add(heading + labels.colon() + labels.get("export.label.not_documented"));
            } else if (body.size() == 1) {
                lines.add(heading + labels.colon() + body.get(0));
            } else {
                lines.add(heading + labels.colon().stripTrailing());
                lines.addAll(body);
            }
        }
        RecordFile.Signature signature = record.signature();
        if (record.status() == RecordDocument.Status.SIGNED && signature != null) {
            lines.add("");
            StringBuilder signed = new StringBuilder();
            if (signature.signer() != null) {
                signed.append(labels.get("export.label.signed_by")).append(labels.colon()).append(clean(signature.signer()));
            }
            if (signature.signedAt() != null) {
                if (signed.length() > 0) {
                    signed.append("    ");
                }
                signed.append(labels.get("export.label.signed_at")).append(labels.colon()).append(clean(SignedTime.format(signature.signedAt())));
            }
            lines.add(signed.toString());
            if (signature.amendmentReason() != null && !signature.amendmentReason().isBlank()) {
                lines.add(labels.get("export.label.amendment_reason") + labels.colon()
                        + clean(signature.amendmentReason()));
            }
        }
        return String.join(CRLF, lines) + CRLF;
    }

    private static List<String> paragraphs(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            String cleaned = clean(line);
            if (!cleaned.isBlank()) {
                lines.add(cleaned);
            }
        }
        return lines;
    }

    /** One line: tabs and other controls become spaces, runs of spaces shrink, ends trimmed. */
    static String clean(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString().replaceAll(" {2,}", " ").strip();
    }
}
