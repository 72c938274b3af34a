package org.medscribe.storage.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;

/**
 * Encrypts one column value: AES-256-GCM with a random 96-bit nonce, the table, column and row id as
 * associated data, so a ciphertext copied into another row or column no longer decrypts. Layout:
 * {@code 0x01 | nonce(12) | ciphertext | tag(16)}.
 *
 * <p>Thread-safe (a {@link Cipher} per call).
 */
public final class FieldCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataKey key;

    public FieldCipher(DataKey key) {
        this.key = key;
    }

    /** {@code null} stays {@code null}. */
    public byte[] encrypt(String table, String column, String rowId, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.fieldKey(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(table, column, rowId));
            byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[1 + NONCE + cipher.getOutputSize(data.length)];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            cipher.doFinal(data, 0, data.length, out, 1 + NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Decrypts a value written by {@link #encrypt}. An altered, swapped or truncated value fails with
     * {@code storage.error.tampered} naming the table and column (never the content).
     */
    public String decrypt(String table, String column, String rowId, byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length < 1 + NONCE + 16 || stored[0] != FORMAT) {
            throw new MedScribeException(Category.FAILED, "storage.error.tampered", table, column);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.fieldKey(), new GCMParameterSpec(128, stored, 1, NONCE));
            cipher.updateAAD(associatedData(table, column, rowId));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new MedScribeException(Category.FAILED, e, "storage.error.tampered", table, column);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] associatedData(String table, String column, String rowId) {
        return ("medscribe:v1:" + table + ":" + column + ":" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
