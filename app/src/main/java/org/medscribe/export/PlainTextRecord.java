package org.medscribe.export;

import org.medscribe.record.RecordFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The record as plain text for the clipboard and for pasting into a hospital EMR's note field:
 * section headings in the EMR style ({@code 主诉：咳嗽三天}, {@code CHIEF COMPLAINT: Cough for 3 days}),
 * no markup, every line ending in CRLF (Windows EMRs need it; others accept it), no stray CR or LF
 * inside lines, no tabs, no trailing spaces. A draft starts with a DRAFT line so it is never pasted
 * as a finished note by mistake; a draft amendment says which signed version stays valid; a signed
 * record ends with who signed it, when, its version (an amendment with its reason) and its content
 * hash. Stateless.
 */
public final class PlainTextRecord {

    public static final String CRLF = "\r\n";

    private PlainTextRecord() {
    }

    public static String render(RecordDocument record) {
        RecordLabels labels = new RecordLabels(record);
        return render(record, labels, record.status() == RecordDocument.Status.DRAFT
                ? labels.get("export.label.draft.notice") : null);
    }

    /**
     * A draft amendment of a signed record: the draft's text under a notice that it is not signed
     * and that {@code amends}, the signed version it would amend, stays the valid record.
     */
    public static String renderAmendment(RecordDocument draft, RecordFile.Signature amends) {
        RecordLabels labels = new RecordLabels(draft);
        String version = amends.version() == null ? "" : String.valueOf(amends.version());
        return render(draft, labels, labels.get("export.label.amendment.notice", version,
                clean(amends.signer() == null ? "" : amends.signer()), clean(SignedTime.format(amends.signedAt()))));
    }

    /** A signed record whose signature is not known yet (still being read): says so instead of signing it. */
    public static String renderSignaturePending(RecordDocument record) {
        RecordLabels labels = new RecordLabels(record);
        return render(record, labels, labels.get("export.label.signed.pending"));
    }

    private static String render(RecordDocument record, RecordLabels labels, String notice) {
        List<String> lines = new ArrayList<>();
        if (notice != null) {
            lines.add(notice);
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
            if (signature.version() != null) {
                String version = labels.get("export.label.version", String.valueOf(signature.version()));
                if (signature.amendment()) {
                    version += signature.amendmentReason() == null
                            ? labels.get("export.label.amended")
                            : labels.get("export.label.amended.reason", clean(signature.amendmentReason()));
                }
                lines.add(version);
            }
            if (signature.contentHash() != null) {
                lines.add(labels.get("export.label.hash", signature.contentHash()));
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
