package org.medscribe.storage.backup;

import java.sql.Connection;
import java.sql.SQLException;
import org.medscribe.common.CancellationToken;
import org.medscribe.storage.VerificationReport;

/** Full verification of the database behind {@code connection} (integrity, audit chain, signed records). */
@FunctionalInterface
public interface DatabaseCheck {
    VerificationReport check(Connection connection, CancellationToken cancel) throws SQLException;
}
