package org.medscribe.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medscribe.settings.AppDirectories;
import org.medscribe.storage.crypto.KeyFileKeySource;

/** Opening real stores in temp directories, and raw SQLite access for what an attacker could do. */
final class StoreFixtures {

    static final String DRAFT = """
            {"template":"soap-en","language":"en","sections":[
              {"id":"subjective","title":"Subjective","statements":[{"text":"Cough for three days."}]},
              {"id":"plan","title":"Plan","statements":[{"text":"Fluids and rest."}]}],
             "flags":[],"provenance":{"model":"tiny"},"timings":{"total_ms":1200}}""";

    private StoreFixtures() {
    }

    static StoreOptions testOptions() {
        return StoreOptions.defaults().withDailyBackups(false, 3)
                .withAutosaveDelay(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    static EncounterStore open(Path root) {
        return open(root, testOptions());
    }

    static EncounterStore open(Path root, StoreOptions options) {
        AppDirectories directories = new AppDirectories(root);
        return EncounterStore.open(directories.store(), KeyFileKeySource.forStore(directories.store()), options);
    }

    static KeyFileKeySource keys(Path root) {
        return KeyFileKeySource.forStore(new AppDirectories(root).store());
    }

    static GeneratedDraft generated(String content) {
        return new GeneratedDraft("soap-en", "1", "en", content, "{\"model\":\"tiny-llama\",\"quant\":\"Q4_K_M\"}",
                "{\"temperature\":0.2}", "{\"total_ms\":1200}");
    }

    /** A raw read-write connection, bypassing the store, as someone with file access would have. */
    static Connection raw(Path databaseFile) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
    }

    static List<String> integrityCheck(Path databaseFile) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = raw(databaseFile); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static long count(Path databaseFile, String table) throws SQLException {
        try (Connection c = raw(databaseFile); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** A patient with one encounter and a note; returns {patientId, encounterId}. */
    static String[] patientWithEncounter(EncounterStore store, String name, String mrn, String note, Clinician doctor) {
        Patient patient = store.patients().createPatient(new NewPatient(name, mrn, "1961-04-02", "F"), Actor.clinician(doctor.id()));
        EncounterSummary encounter = store.encounters().createEncounter(patient.id(),
                new NewEncounter(null, "cough", doctor.id()), Actor.clinician(doctor.id()));
        store.sources().addSource(encounter.id(), NewSource.note(note), Actor.clinician(doctor.id()));
        return new String[] {patient.id(), encounter.id()};
    }

    static Map<String, SectionOrigin> edited(String section) {
        return Map.of(section, SectionOrigin.AI_EDITED);
    }
}
