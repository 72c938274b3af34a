package org.medscribe.storage.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.CanonicalJson;
import org.medscribe.storage.crypto.DataKey;

/**
 * The seal of a backup manifest: HMAC-SHA256, with a key derived from the data key, of the canonical
 * JSON of every field but {@code mac}. Editing a backup and recomputing its SHA-256 in the manifest
 * then needs the data key too. Stateless.
 */
public final class ManifestSeal {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How a manifest's seal stands. */
    public enum State {
        /** The seal matches: the manifest was written by a holder of the data key. */
        SEALED,
        /** A manifest of the format written before sealing ({@link BackupManifest#FORMAT_UNSEALED}). */
        UNSEALED,
        /** Sealed format with a missing or wrong seal: edited, or another store's. */
        FORGED
    }

    private ManifestSeal() {
    }

    static BackupManifest seal(BackupManifest manifest, DataKey key) {
        return manifest.sealedWith(key.manifestMac(canonical(manifest)));
    }

    public static State check(BackupManifest manifest, DataKey key) {
        if (BackupManifest.FORMAT_UNSEALED.equals(manifest.format()) && manifest.mac() == null) {
            return State.UNSEALED;
        }
        if (manifest.mac() == null) {
            return State.FORGED;
        }
        byte[] expected = key.manifestMac(canonical(manifest)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, manifest.mac().getBytes(StandardCharsets.US_ASCII))
                ? State.SEALED : State.FORGED;
    }

    /**
     * Refuses a forged manifest ({@code storage.error.manifestForged}) and an unsealed one unless
     * {@code acceptUnsealed} ({@code storage.error.manifestUnsealed}); returns the state.
     */
    public static State require(BackupManifest manifest, DataKey key, boolean acceptUnsealed, String backupName) {
        State state = check(manifest, key);
        if (state == State.FORGED) {
            throw new MedScribeException(Category.FAILED, "storage.error.manifestForged", backupName);
        }
        if (state == State.UNSEALED && !acceptUnsealed) {
            throw new MedScribeException(Category.FAILED, "storage.error.manifestUnsealed", backupName);
        }
        return state;
    }

    private static String canonical(BackupManifest manifest) {
        ObjectNode fields = MAPPER.valueToTree(manifest.sealedWith(null));
        fields.remove("mac");
        return CanonicalJson.canonicalise(fields.toString());
    }
}
