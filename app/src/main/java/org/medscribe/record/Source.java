package org.medscribe.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One input of an encounter: a note, a transcript, a document's text.
 *
 * @param id   short, unique within the encounter (e.g. {@code note}, {@code S1}); cited in evidence
 * @param kind what it is (decides how it is segmented)
 * @param text the text, as the doctor gave it; evidence offsets index into it
 */
public record Source(String id, SourceKind kind, String text) {

    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (id.isBlank() || id.length() > 40) {
            throw new IllegalArgumentException("source id must be 1..40 characters");
        }
    }

    public static Source note(String id, String text) {
        return new Source(id, SourceKind.NOTE, text);
    }

    /** SHA-256 of the UTF-8 text, hex: identifies the exact text a draft was made from. */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
