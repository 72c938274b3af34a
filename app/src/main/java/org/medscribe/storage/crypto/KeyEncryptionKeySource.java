package org.medscribe.storage.crypto;

import javax.crypto.SecretKey;

/**
 * Where the key-encryption key (KEK) that wraps the database's data key comes from.
 *
 * <p>The data key encrypts every protected column and never changes; each source wraps a copy of it.
 * Today there is one source, a protected key file ({@link KeyFileKeySource}). The security work that
 * follows adds a source deriving the KEK from each clinician's passphrase (Argon2id): it stores its
 * salt and cost in {@link #newWrapParameters()}, adds one more wrap of the same data key, and nothing
 * is re-encrypted.
 *
 * <p>Implementations are called on the store's opening thread only; they need not be thread-safe.
 */
public interface KeyEncryptionKeySource {

    /** The kind stored beside the wrap, e.g. {@code key-file}, later {@code argon2id}. */
    String kind();

    /**
     * Names this wrapping key among the data key's wraps (stored in clear beside the wrap; never
     * secret, never patient data). Only valid when {@link #exists()}.
     */
    String keyId();

    /** Where the key material is expected, for the user (a key file's path); never secret. */
    default String location() {
        return kind();
    }

    /** Whether the key material is there (a key file that was never created is not). */
    boolean exists();

    /** Creates the key material on first use (a new database). */
    void create();

    /** Parameters to store with a new wrap (a passphrase source returns its salt and cost here). */
    String newWrapParameters();

    /** The KEK for a wrap that was stored with {@code parameters}. */
    SecretKey keyEncryptionKey(String parameters);
}
