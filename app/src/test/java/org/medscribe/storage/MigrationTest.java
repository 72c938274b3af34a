package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;
import org.medscribe.storage.backup.BackupInfo;
import org.medscribe.storage.backup.Backups;
import org.medscribe.storage.db.Schema;

/** A database from every earlier schema version opens, is backed up first, and migrates intact. */
class MigrationTest {

    @TempDir
    Path root;

    @ParameterizedTest(name = "from schema {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void migratesAnEarlierSchemaAfterBackingItUp(int version) throws Exception {
        assertThat(version).isLessThan(Schema.LATEST);
        OldSchemas.build(root, version, 12);
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.status().schemaVersion()).isEqualTo(Schema.LATEST);
            assertThat(store.status().pragmas()).containsEntry("user_version", String.valueOf(Schema.LATEST));
            assertThat(store.patients().searchPatients(OldSchemas.PATIENT_PREFIX, 100)).hasSize(12);
            List<EncounterSummary> encounters = store.encounters().searchEncounters("visit 3", 10);
            assertThat(encounters).hasSize(1);
            assertThat(encounters.get(0).status()).isEqualTo(EncounterStatus.OPEN);
            // Findings kept in the former scale read in the quality scale: INFO -> MINOR, WARNING -> MAJOR.
            java.util.Map<org.medscribe.record.Severity, Long> severities = new java.util.EnumMap<>(org.medscribe.record.Severity.class);
            for (EncounterSummary encounter : store.encounters().recentEncounters(100)) {
                for (QualityFinding finding : store.findings().findings(encounter.id())) {
                    severities.merge(finding.severity(), 1L, Long::sum);
                    assertThat(finding.contentJson()).isEqualTo("{\"message\":\"m\"}");
                }
            }
            if (version >= 2) {
                assertThat(severities).containsEntry(org.medscribe.record.Severity.MINOR, 4L)
                        .containsEntry(org.medscribe.record.Severity.MAJOR, 4L)
                        .containsEntry(org.medscribe.record.Severity.CRITICAL, 4L);
            } else {
                assertThat(severities).isEmpty();
            }
            // Encounters made before schema 5 have no visit details; a new one keeps them.
            assertThat(encounters.get(0).visitType()).isNull();
            assertThat(encounters.get(0).visitDate()).isNull();
            assertThat(encounters.get(0).patientAge()).isNull();
            Clinician registrar = store.patients().addClinician("Dr Registrar", null);
            EncounterSummary detailed = store.encounters().createEncounter(encounters.get(0).patientId(),
                    new NewEncounter(null, null, registrar.id(), VisitType.EMERGENCY,
                            java.time.LocalDate.of(2026, 12, 1), "41"), Actor.clinician(registrar.id()));
            assertThat(detailed.visitType()).isEqualTo(VisitType.EMERGENCY);
            // What the new schema adds works on the migrated data.
            Clinician doctor = store.patients().addClinician("Dr New", null);
            SignedRecord signed = store.signedRecords().sign(encounters.get(0).id(), doctor.id());
            assertThat(signed.contentSha256()).isEqualTo(CanonicalJson.sha256(CanonicalJson.canonicalise(StoreFixtures.DRAFT)));
            assertThat(store.auditTrail().newest(100)).filteredOn(a -> a.action().equals("SCHEMA_MIGRATED"))
                    .hasSize(Schema.LATEST - version);
            assertThat(store.verify(CancellationToken.none(), ProgressListener.NONE).ok()).isTrue();

            List<BackupInfo> backups = store.backups();
            assertThat(backups).extracting(b -> b.manifest().kind()).containsExactly("pre-migration-v" + version);
            BackupInfo before = backups.get(0);
            assertThat(before.manifest().schemaVersion()).isEqualTo(version);
            assertThat(before.manifest().rowCounts()).containsEntry("encounters", 12L);
            Backups.verifyBackup(before.file(), (c, t) -> store.verifier().verify(c, t, ProgressListener.NONE),
                    CancellationToken.none());
        }
    }
}
