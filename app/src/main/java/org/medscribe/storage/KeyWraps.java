package org.medscribe.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.crypto.DataKey;
import org.medscribe.storage.crypto.KeyEncryptionKeySource;

/**
 * The data key's wraps in {@code data_key_wraps}: one per key source (the key file today; a
 * clinician's passphrase later), each able to unlock the same data key.
 */
final class KeyWraps {

    private KeyWraps() {
    }

    /** Wraps {@code key} with {@code keys} and stores the wrap. */
    static void insert(Connection c, DataKey key, KeyEncryptionKeySource keys, Clock clock) throws SQLException {
        String parameters = keys.newWrapParameters();
        String keyId = keys.keyId();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO data_key_wraps (key_id, kind, parameters, wrapped, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, keyId);
            insert.setString(2, keys.kind());
            insert.setString(3, parameters);
            insert.setBytes(4, key.wrap(keys.keyEncryptionKey(parameters), keyId));
            insert.setString(5, Timestamps.format(clock.instant()));
            insert.executeUpdate();
        }
    }

    /** Finds the wrap made with {@code keys} and unwraps the data key. */
    static DataKey unwrap(Connection c, KeyEncryptionKeySource keys) throws SQLException {
        if (!keys.exists()) {
            throw new MedScribeException(Category.FAILED, "storage.error.keyMissing", keys.location());
        }
        String keyId = keys.keyId();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT parameters, wrapped FROM data_key_wraps WHERE key_id = ? AND kind = ?")) {
            select.setString(1, keyId);
            select.setString(2, keys.kind());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new MedScribeException(Category.FAILED, "storage.error.keyMismatch");
                }
                return DataKey.unwrap(rs.getBytes(2), keys.keyEncryptionKey(rs.getString(1)), keyId);
            }
        }
    }
}
