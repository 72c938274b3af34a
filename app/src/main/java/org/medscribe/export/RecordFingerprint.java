package org.medscribe.export;

import org.medscribe.record.RecordFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash printed in an exported record's footer: the signing feature's content hash when the
 * record carries one, else SHA-256 over the exported content (title, patient, sections), so a
 * printed draft can still be matched to its file.
 */
final class RecordFingerprint {

    private RecordFingerprint() {
    }

    static String of(RecordDocument record) {
        if (record.signature() != null && record.signature().contentHash() != null) {
            return record.signature().contentHash();
        }
        StringBuilder canonical = new StringBuilder();
        append(canonical, record.template());
        append(canonical, record.title());
        RecordFile.Patient p = record.patient();
        append(canonical, p.name());
        append(canonical, p.sex());
        append(canonical, p.birthDate());
        append(canonical, p.age());
        append(canonical, p.mrn());
        append(canonical, record.encounterDate());
        for (RecordDocument.Section section : record.sections()) {
            append(canonical, section.id());
            append(canonical, section.title());
            append(canonical, section.text());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void append(StringBuilder canonical, String value) {
        // Length-prefixed, so "ab"+"c" and "a"+"bc" hash differently.
        String v = value == null ? "" : value;
        canonical.append(v.length()).append(':').append(v).append('\n');
    }
}
