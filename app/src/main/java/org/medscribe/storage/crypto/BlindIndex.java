package org.medscribe.storage.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Locale;
import javax.crypto.Mac;

/**
 * Keyed blind index for exact lookup of an encrypted identifier (the medical record number):
 * HMAC-SHA256 of the normalised value under a key derived from the data key. Without the key the
 * index reveals only which rows share a value.
 *
 * <p>Thread-safe.
 */
public final class BlindIndex {

    private final DataKey key;

    public BlindIndex(DataKey key) {
        this.key = key;
    }

    /** Record numbers typed as {@code "ab-0012 3"} and {@code "AB00123"} are the same number. */
    public static String normaliseRecordNumber(String mrn) {
        String folded = Normalizer.normalize(mrn, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && cp != '-' && cp != '_' && cp != '/')
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    public byte[] recordNumber(String mrn) {
        return compute("mrn:" + normaliseRecordNumber(mrn));
    }

    private byte[] compute(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.indexKey());
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
