package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.record.Severity;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.Actor;
import org.medscribe.storage.Clinician;
import org.medscribe.storage.DraftEdit;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.EncounterSummary;
import org.medscribe.storage.GeneratedDraft;
import org.medscribe.storage.NewEncounter;
import org.medscribe.storage.NewFinding;
import org.medscribe.storage.NewPatient;
import org.medscribe.storage.NewSource;
import org.medscribe.storage.NewSuggestion;
import org.medscribe.storage.Patient;
import org.medscribe.storage.QualityFinding;
import org.medscribe.storage.SectionOrigin;
import org.medscribe.storage.StoreLayout;
import org.medscribe.storage.StoreOptions;
import org.medscribe.storage.StoreStatus;
import org.medscribe.storage.VerificationReport;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.crypto.KeyFileKeySource;

/**
 * The tamper suite: someone with the files and a raw SQLite connection (but not the data key) edits
 * the store behind the app's back, each case one way, on a real store with signed records, an
 * amendment, findings, suggestions, a backup and a working draft. {@code medscribe verify} must exit
 * 1 and name the case, and the store API's verification must find the same.
 */
class VerifyTamperSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAFT = """
            {"template":"soap-en","language":"en","sections":[
              {"id":"subjective","title":"Subjective","statements":[{"text":"Cough for three days."}]},
              {"id":"plan","title":"Plan","statements":[{"text":"Fluids and rest."}]}]}""";
    private static final String AMENDED = DRAFT.replace("three days", "four days");

    @TempDir
    static Path template;
    private static String amendedEncounter;
    private static String laterEncounter;
    private static String lonelyPatient;
    private static String overriddenFinding;
    private static Path olderBackup;

    @TempDir
    Path root;

    /**
     * Encounter 1: signed, then amended, with a finding overridden after the backup; encounter 2:
     * signed after the backup; a patient without encounters; a working draft with unsaved-as-version
     * edits.
     */
    @BeforeAll
    static void buildTheStore() {
        try (EncounterStore store = open(template)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", "physician");
            Actor actor = Actor.clinician(doctor.id());
            amendedEncounter = encounterWithDraft(store, doctor, "Ann Lee", "T-1");
            QualityFinding finding = store.findings().recordFindings(amendedEncounter, null, List.of(
                    new NewFinding("allergies-documented", Severity.CRITICAL, "plan", "{\"message\":\"m\"}"),
                    new NewFinding("plan-present", Severity.MINOR, "plan", "{\"message\":\"n\"}"))).get(0);
            overriddenFinding = finding.id();
            var suggestion = store.suggestions().addSuggestions(amendedEncounter, null,
                    List.of(new NewSuggestion("DIAGNOSIS", "{\"label\":\"bronchitis\"}", null))).get(0);
            store.suggestions().decideSuggestion(suggestion.id(), org.medscribe.storage.Decision.KEPT, null, doctor.id());
            store.signedRecords().sign(amendedEncounter, doctor.id());
            store.drafts().autosave(amendedEncounter, new DraftEdit(AMENDED, Map.of("subjective", SectionOrigin.HUMAN)));
            store.drafts().flushAutosaves();
            store.signedRecords().amend(amendedEncounter, doctor.id(), "duration corrected");
            laterEncounter = encounterWithDraft(store, doctor, "Bo Chen", "T-2");
            lonelyPatient = store.patients().createPatient(new NewPatient("Cy Wu", "T-3", null, null), actor).id();
            BackupInfo backup = store.backup(null, CancellationToken.none(), ProgressListener.NONE);
            olderBackup = backup.file();
            store.findings().overrideFinding(overriddenFinding, doctor.id(), "allergies asked, none known");
            store.signedRecords().sign(laterEncounter, doctor.id());
            store.drafts().autosave(laterEncounter, new DraftEdit(AMENDED, Map.of("subjective", SectionOrigin.HUMAN)));
            store.drafts().flushAutosaves();
        }
    }

    private static String encounterWithDraft(EncounterStore store, Clinician doctor, String name, String mrn) {
        Actor actor = Actor.clinician(doctor.id());
        Patient patient = store.patients().createPatient(new NewPatient(name, mrn, "1961-04-02", "F"), actor);
        EncounterSummary encounter = store.encounters().createEncounter(patient.id(),
                new NewEncounter(null, "cough", doctor.id()), actor);
        store.sources().addSource(encounter.id(), NewSource.note("Cough for three days, no fever."), actor);
        store.drafts().saveGeneratedDraft(encounter.id(), new GeneratedDraft("soap-en", "1", "en", DRAFT,
                "{\"model\":\"tiny\"}", "{\"temperature\":0.2}", "{\"total_ms\":10}"));
        return encounter.id();
    }

    private static EncounterStore open(Path dataRoot) {
        StoreLayout layout = new AppDirectories(dataRoot).store();
        return EncounterStore.open(layout, KeyFileKeySource.forStore(layout),
                StoreOptions.defaults().withDailyBackups(false, 0));
    }

    @BeforeEach
    void copyOfTheStore() throws Exception {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : files.toList()) {
                Path to = root.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        CliRun clean = verify();
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
    }

    /** One way of editing the store behind the app's back. */
    @FunctionalInterface
    interface Tamper {
        void apply(VerifyTamperSuiteTest suite) throws Exception;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Issue 15, item 2.
                Arguments.of("the latest amendment deleted, its trigger put back", (Tamper) s -> s.withoutTrigger(
                        "signed_records_no_delete", "DELETE FROM signed_records WHERE encounter_id = '"
                                + amendedEncounter + "' AND record_version = 2"),
                        "storage.verify.signedRecordMissing"),
                // Item 3: only the anchor outside the database still knows the newer head.
                Arguments.of("a signed record and the audit tail deleted, an older head copied in",
                        (Tamper) VerifyTamperSuiteTest::replayOlderHead, "storage.verify.auditRolledBack"),
                Arguments.of("the anchor file deleted", (Tamper) s -> Files.delete(s.layout().anchorFile()),
                        "storage.verify.anchorMissing"),
                Arguments.of("the anchor file edited", (Tamper) s -> Files.writeString(s.layout().anchorFile(),
                        Files.readString(s.layout().anchorFile()).replaceFirst(" (\\d+) ", " 999999 ")),
                        "storage.verify.anchorInvalid"),
                // Item 4.
                Arguments.of("a no-op trigger of the same name", (Tamper) s -> s.sql(
                        "DROP TRIGGER signed_records_no_update",
                        "CREATE TRIGGER signed_records_no_update BEFORE UPDATE ON signed_records BEGIN SELECT 1; END"),
                        "storage.verify.triggerAltered"),
                Arguments.of("a trigger the app never made", (Tamper) s -> s.sql(
                        "CREATE TRIGGER audit_log_quiet AFTER INSERT ON audit_log BEGIN SELECT 1; END"),
                        "storage.verify.triggerUnknown"),
                // Item 5.
                Arguments.of("the signer's display name", (Tamper) s -> s.sql(
                        "UPDATE clinicians SET display_name = 'Dr Smith'"), "storage.verify.rowAltered"),
                Arguments.of("an override reverted to open", (Tamper) s -> s.sql(
                        "UPDATE quality_findings SET status = 'OPEN', override_reason = NULL, decided_by = NULL "
                                + "WHERE status = 'OVERRIDDEN'"), "storage.verify.rowAltered"),
                Arguments.of("an override reason taken from another finding", (Tamper) s -> s.sql(
                        "UPDATE quality_findings SET override_reason = (SELECT content FROM quality_findings "
                                + "WHERE status = 'OPEN' LIMIT 1) WHERE status = 'OVERRIDDEN'"),
                        "storage.verify.fieldUnreadable"),
                Arguments.of("a finding put back as the older backup had it, MAC and all",
                        (Tamper) VerifyTamperSuiteTest::replayOlderFinding, "storage.verify.findingDecisionChanged"),
                Arguments.of("an amended encounter's status", (Tamper) s -> s.sql(
                        "UPDATE encounters SET status = 'OPEN' WHERE id = '" + amendedEncounter + "'"),
                        "storage.verify.encounterStatusChanged"),
                Arguments.of("an encounter moved to another patient", (Tamper) s -> s.sql(
                        "UPDATE encounters SET patient_id = '" + lonelyPatient + "' WHERE id = '" + laterEncounter + "'"),
                        "storage.verify.rowAltered"),
                Arguments.of("a patient row deleted", (Tamper) s -> s.sql(
                        "DELETE FROM patients WHERE id = '" + lonelyPatient + "'"), "storage.verify.rowMissing"),
                Arguments.of("a patient deleted under its encounter", (Tamper) s -> s.sql(
                        "DELETE FROM patients WHERE id = (SELECT patient_id FROM encounters WHERE id = '"
                                + laterEncounter + "')"), "storage.verify.foreignKeyBroken"),
                // Item 6.
                Arguments.of("a garbled patient name", (Tamper) s -> s.garble("patients", "name"),
                        "storage.verify.fieldUnreadable"),
                Arguments.of("a garbled source", (Tamper) s -> s.garble("sources", "content"),
                        "storage.verify.fieldUnreadable"),
                Arguments.of("a garbled working draft", (Tamper) s -> s.garble("working_drafts", "content"),
                        "storage.verify.fieldUnreadable"),
                // Item 7.
                Arguments.of("a signed record's provenance that is not JSON", (Tamper) s -> s.withoutTrigger(
                        "signed_records_no_update", "UPDATE signed_records SET provenance = 'not json'"),
                        "storage.verify.signedProvenanceInvalid"),
                // More of our own.
                Arguments.of("a clinician's edit version deleted", (Tamper) s -> s.withoutTrigger(
                        "draft_versions_no_delete", "DELETE FROM draft_versions WHERE kind = 'CLINICIAN_EDIT'"),
                        "storage.verify.versionMissing"),
                Arguments.of("a suggestion decision deleted", (Tamper) s -> s.sql("DELETE FROM suggestion_decisions"),
                        "storage.verify.rowMissing"),
                Arguments.of("a source's file hash rewritten", (Tamper) s -> s.sql(
                        "UPDATE sources SET file_sha256 = '" + "a".repeat(64) + "'"), "storage.verify.rowAltered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifyExitsOneAndNamesTheCase(String name, Tamper tamper, String expectedKey) throws Exception {
        tamper.apply(this);
        CliRun run = verify();
        assertThat(run.code()).as(name + "\n" + run.out() + run.err()).isEqualTo(MedScribeCommand.FAILED);
        assertThat(run.err()).contains("Verification found");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(keys(report)).as(name).contains(expectedKey);

        VerificationReport api = EncounterStore.verifyDatabase(layout(), KeyFileKeySource.forStore(layout()),
                CancellationToken.none(), ProgressListener.NONE);
        assertThat(api.ok()).isFalse();
        List<String> apiKeys = new ArrayList<>(api.problems().stream().map(VerificationReport.Problem::messageKey).toList());
        api.audit().problems().forEach(p -> apiKeys.add(p.messageKey()));
        assertThat(apiKeys).as(name).contains(expectedKey);
    }

    @Test
    void aGarbledNameOpensTheStoreReadOnlyNamingTheRow() throws Exception {
        garble("patients", "name");
        String patientId = firstId("patients");
        try (EncounterStore store = open(root)) {
            StoreStatus status = store.status();
            assertThat(status.health()).isEqualTo(StoreStatus.Health.DAMAGED_READ_ONLY);
            assertThat(status.problemKey()).isEqualTo("storage.error.damagedRows");
            assertThat(status.damagedRows()).extracting(VerificationReport.Problem::table, VerificationReport.Problem::rowId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("patients", patientId));
            // The rest still reads: the other patients are found by name.
            assertThat(store.patients().searchPatients("Bo Chen", 5)).hasSize(1);
        }
    }

    @Test
    void aGarbledSourceIsNotBackedUp() throws Exception {
        garble("sources", "content");
        try (EncounterStore store = open(root)) {
            assertThatThrownBy(() -> store.backup(root.resolve("usb"), CancellationToken.none(), ProgressListener.NONE))
                    .isInstanceOf(MedScribeException.class)
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.backupRefused");
        }
    }

    @Test
    void aRolledBackHistoryOpensReadOnlyAndIsNotWrittenOver() throws Exception {
        replayOlderHead();
        try (EncounterStore store = open(root)) {
            assertThat(store.status().health()).isEqualTo(StoreStatus.Health.DAMAGED_READ_ONLY);
            assertThat(store.status().problemKey()).isEqualTo("storage.error.historyAltered");
        }
        assertThat(keys(JSON.readTree(verify().out()))).contains("storage.verify.auditRolledBack");
    }

    @Test
    void restoringTheOlderBackupMovesTheAnchorWithIt() {
        Path backupCopy = root.resolve(template.relativize(olderBackup).toString());
        CliRun restored = run("restore", backupCopy.toString());
        assertThat(restored.code()).as(restored.err()).isZero();
        CliRun verified = verify();
        assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
    }

    // ---------------------------------------------------------------------------------------------

    private CliRun verify() {
        return run("verify");
    }

    private CliRun run(String... args) {
        return CliRun.of(root, args);
    }

    private static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.path("problems").forEach(p -> keys.add(p.path("key").asText()));
        report.path("audit").path("problems").forEach(p -> keys.add(p.path("key").asText()));
        return keys;
    }

    private StoreLayout layout() {
        return new AppDirectories(root).store();
    }

    private Connection raw() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + layout().databaseFile());
    }

    void sql(String... statements) throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Drops {@code trigger}, runs {@code statements}, and creates the trigger again exactly as it was. */
    void withoutTrigger(String trigger, String... statements) throws Exception {
        String original;
        try (Connection c = raw(); PreparedStatement select = c.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")) {
            select.setString(1, trigger);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                original = rs.getString(1);
            }
        }
        List<String> all = new ArrayList<>();
        all.add("DROP TRIGGER " + trigger);
        all.addAll(List.of(statements));
        all.add(original);
        sql(all.toArray(String[]::new));
    }

    /** Flips one byte inside the ciphertext of the first row's {@code column}. */
    void garble(String table, String column) throws Exception {
        sql("UPDATE " + table + " SET " + column + " = substr(" + column + ", 1, 20) || "
                + "(CASE WHEN substr(" + column + ", 21, 1) = X'00' THEN X'01' ELSE X'00' END) || substr(" + column
                + ", 22) WHERE rowid = (SELECT min(rowid) FROM " + table + ")");
    }

    private String firstId(String table) throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY rowid LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /**
     * Issue 15, item 3: the second encounter's signature and every audit row after the backup are
     * deleted, the encounter set back to open, and the backup's audit head (with its valid MAC) copied
     * into {@code store_meta}: the chain and head are consistent again.
     */
    void replayOlderHead() throws Exception {
        Path backup = root.resolve(template.relativize(olderBackup).toString());
        String head;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM store_meta WHERE key = 'audit.head'")) {
            assertThat(rs.next()).isTrue();
            head = rs.getString(1);
        }
        long seq = Long.parseLong(head.substring(0, head.indexOf(':')));
        withoutTrigger("signed_records_no_delete", "DELETE FROM signed_records WHERE encounter_id = '" + laterEncounter + "'");
        withoutTrigger("audit_log_no_delete", "DELETE FROM audit_log WHERE seq > " + seq);
        sql("UPDATE encounters SET status = 'OPEN' WHERE id = '" + laterEncounter + "'",
                "UPDATE store_meta SET value = '" + head + "' WHERE key = 'audit.head'");
    }

    /** The overridden finding's row (status, reason, decider, time and MAC) as the older backup had it. */
    void replayOlderFinding() throws Exception {
        Path backup = root.resolve(template.relativize(olderBackup).toString());
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + backup + "' AS old");
            s.execute("UPDATE quality_findings SET (status, override_reason, decided_by, updated_at, row_mac) = "
                    + "(SELECT status, override_reason, decided_by, updated_at, row_mac FROM old.quality_findings o "
                    + "WHERE o.id = quality_findings.id) WHERE id = '" + overriddenFinding + "'");
        }
    }
}
