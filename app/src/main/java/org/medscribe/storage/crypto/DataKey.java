package org.medscribe.storage.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * The database's 256-bit data key and the keys derived from it: one for column encryption, one for
 * the blind index, one for the audit and seal MACs. Separate derived keys keep an index value from
 * ever being usable as an encryption key and vice versa.
 *
 * <p>Immutable after creation and safe to share between threads.
 */
public final class DataKey {

    private static final int WRAP_NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey fieldKey;
    private final SecretKey indexKey;
    private final SecretKey macKey;
    private final byte[] material;

    private DataKey(byte[] material) {
        this.material = material;
        this.fieldKey = new SecretKeySpec(derive(material, "medscribe/field-encryption/v1"), "AES");
        this.indexKey = new SecretKeySpec(derive(material, "medscribe/blind-index/v1"), "HmacSHA256");
        this.macKey = new SecretKeySpec(derive(material, "medscribe/audit-mac/v1"), "HmacSHA256");
    }

    public static DataKey generate() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return new DataKey(material);
    }

    /** Wraps the data key with {@code kek} (AES-256-GCM); {@code keyId} is bound as associated data. */
    public byte[] wrap(SecretKey kek, String keyId) {
        try {
            byte[] nonce = new byte[WRAP_NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(("medscribe:data-key:" + keyId).getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(material);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Unwraps a data key; a wrong KEK or an altered wrap is {@code storage.error.keyMismatch}. */
    public static DataKey unwrap(byte[] wrapped, SecretKey kek, String keyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, wrapped, 0, WRAP_NONCE));
            cipher.updateAAD(("medscribe:data-key:" + keyId).getBytes(StandardCharsets.UTF_8));
            byte[] material = cipher.doFinal(wrapped, WRAP_NONCE, wrapped.length - WRAP_NONCE);
            if (material.length != 32) {
                throw new MedScribeException(Category.FAILED, "storage.error.keyMismatch");
            }
            return new DataKey(material);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MedScribeException(Category.FAILED, e, "storage.error.keyMismatch");
        }
    }

    public SecretKey fieldKey() {
        return fieldKey;
    }

    public SecretKey indexKey() {
        return indexKey;
    }

    public SecretKey macKey() {
        return macKey;
    }

    /** HMAC-SHA256 of {@code data} with the audit/seal key, as lower-case hex. */
    public String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] derive(byte[] material, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * HMAC-SHA256 of {@code data} with the backup-manifest key, derived from the data key under its
     * own label (so a manifest seal can never stand in for an audit or record MAC), as lower-case hex.
     */
    public String manifestMac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive(material, "medscribe/backup-manifest-mac/v1"), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Overwrites the raw key bytes this object holds (the derived JCA keys stay until collected). */
    public void forget() {
        Arrays.fill(material, (byte) 0);
    }
}
