package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.settings.AppDirectories;

/**
 * Someone with the file and a raw SQLite connection drops the triggers and edits history: verify
 * catches every kind of edit.
 */
class TamperDetectionTest {

    @TempDir
    Path root;
    private Path databaseFile;
    private String encounterId;

    @BeforeEach
    void signedRecordWithHistory() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            encounterId = StoreFixtures.patientWithEncounter(store, "Ann Lee", "T-1", "note", doctor)[1];
            store.drafts().saveGeneratedDraft(encounterId, StoreFixtures.generated(StoreFixtures.DRAFT));
            store.signedRecords().sign(encounterId, doctor.id());
            databaseFile = store.layout().databaseFile();
        }
        assertThat(verify().ok()).isTrue();
    }

    private VerificationReport verify() {
        AppDirectories directories = new AppDirectories(root);
        return EncounterStore.verifyDatabase(directories.store(), StoreFixtures.keys(root), CancellationToken.none(),
                ProgressListener.NONE);
    }

    private void tamper(String... sql) throws Exception {
        try (Connection c = StoreFixtures.raw(databaseFile); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    @Test
    void signerChangedOnASignedRecord() throws Exception {
        tamper("DROP TRIGGER signed_records_no_update",
                "UPDATE signed_records SET signed_at_utc = '2020-01-01T00:00:00.000Z'");
        VerificationReport report = verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(VerificationReport.Problem::messageKey)
                .contains("storage.verify.signedSealBroken", "storage.verify.triggerMissing");
    }

    @Test
    void signedContentReplacedWithAnotherCiphertext() throws Exception {
        tamper("DROP TRIGGER signed_records_no_update",
                "UPDATE signed_records SET content = (SELECT content FROM draft_versions LIMIT 1)");
        assertThat(verify().problems()).extracting(VerificationReport.Problem::messageKey)
                .contains("storage.verify.signedUnreadable");
    }

    @Test
    void signedHashRewrittenToMatchOtherContent() throws Exception {
        tamper("DROP TRIGGER signed_records_no_update", "UPDATE signed_records SET content_sha256 = '" + "0".repeat(64) + "'");
        assertThat(verify().problems()).extracting(VerificationReport.Problem::messageKey)
                .contains("storage.verify.signedContentChanged");
    }

    @Test
    void auditRowEdited() throws Exception {
        tamper("DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 3");
        assertAuditProblem("storage.verify.auditRowAltered");
    }

    @Test
    void auditRowEditedWithItsHashRecomputedButNotItsMac() throws Exception {
        // Even recomputing the row hash (the algorithm is public) does not help without the key.
        tamper("DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET entry_mac = 'ff' WHERE seq = 2");
        assertAuditProblem("storage.verify.auditMacInvalid");
    }

    @Test
    void auditRowDeleted() throws Exception {
        tamper("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = 3");
        assertAuditProblem("storage.verify.auditGap");
    }

    @Test
    void auditRowsReordered() throws Exception {
        tamper("DROP TRIGGER audit_log_no_update",
                "UPDATE audit_log SET seq = -1 WHERE seq = 2",
                "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                "UPDATE audit_log SET seq = 3 WHERE seq = -1");
        assertAuditProblem("storage.verify.auditChainBroken");
    }

    @Test
    void auditTailDeleted() throws Exception {
        tamper("DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)");
        assertAuditProblem("storage.verify.auditHeadMismatch");
    }

    @Test
    void draftVersionEdited() throws Exception {
        tamper("DROP TRIGGER draft_versions_no_update", "UPDATE draft_versions SET content_sha256 = '" + "1".repeat(64) + "'");
        assertThat(verify().problems()).extracting(VerificationReport.Problem::messageKey)
                .contains("storage.verify.versionChanged");
    }

    private void assertAuditProblem(String key) {
        VerificationReport report = verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.audit().problems()).extracting(p -> p.messageKey()).contains(key);
    }
}
