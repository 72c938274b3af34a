package org.medscribe.storage;

import org.medscribe.record.Severity;
import org.medscribe.record.SourceKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.medscribe.common.MedScribeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.storage.crypto.KeyFileKeySource;

class EncounterStoreTest {

    @TempDir
    Path root;

    @Test
    void startsWithWalForeignKeysAndTheLatestSchema() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Map<String, String> pragmas = store.status().pragmas();
            assertThat(pragmas).containsEntry("journal_mode", "wal").containsEntry("foreign_keys", "1")
                    .containsEntry("user_version", String.valueOf(org.medscribe.storage.db.Schema.LATEST));
            assertThat(store.status().health()).isEqualTo(StoreStatus.Health.OK);
            assertThat(store.verify(org.medscribe.common.CancellationToken.none(),
                    org.medscribe.common.ProgressListener.NONE).ok()).isTrue();
        }
    }

    @Test
    void findsPatientsByRecordNumberAndNameAfterReopening() {
        String patientId;
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Zhou", "physician");
            patientId = StoreFixtures.patientWithEncounter(store, "张伟 Zhang Wei", "ab-0012 3", "note", doctor)[0];
            assertThatThrownBy(() -> store.patients().createPatient(new NewPatient("Other", "AB00123", null, null), Actor.system()))
                    .isInstanceOf(MedScribeException.class)
                    .extracting(e -> ((MedScribeException) e).messageKey())
                    .isEqualTo("storage.error.duplicateRecordNumber");
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("AB 00123")).get().extracting(Patient::id).isEqualTo(patientId);
            assertThat(store.patients().findPatientByRecordNumber("AB00124")).isEmpty();
            assertThat(store.patients().searchPatients("zhang", 10)).extracting(Patient::name).containsExactly("张伟 Zhang Wei");
            assertThat(store.patients().searchPatients("张伟", 10)).hasSize(1);
            assertThat(store.encounters().searchEncounters("ab00123", 10)).hasSize(1);
            assertThat(store.encounters().searchEncounters("COUGH", 10)).extracting(EncounterSummary::patientName)
                    .containsExactly("张伟 Zhang Wei");
            assertThat(store.encounters().encountersOf(patientId)).hasSize(1);
        }
    }

    @Test
    void recentEncountersListsTheNewestFirstWithoutASearchAndAfterReopening() {
        Instant monday = Instant.parse("2026-03-02T08:00:00Z");
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Wu", "physician");
            Patient ann = store.patients().createPatient(new NewPatient("Ann Lee", "A-1", null, null), Actor.clinician(doctor.id()));
            Patient bo = store.patients().createPatient(new NewPatient("Bo Chen", null, null, null), Actor.clinician(doctor.id()));
            for (int day : new int[] {2, 0, 3, 1}) {
                store.encounters().createEncounter(day % 2 == 0 ? ann.id() : bo.id(),
                        new NewEncounter(monday.plusSeconds(day * 86_400L), null, doctor.id()), Actor.clinician(doctor.id()));
            }
            assertThat(store.encounters().searchEncounters("", 10)).isEmpty();
            assertThat(store.encounters().recentEncounters(3)).extracting(EncounterSummary::startedAt)
                    .containsExactly(monday.plusSeconds(3 * 86_400L), monday.plusSeconds(2 * 86_400L),
                            monday.plusSeconds(86_400L));
            assertThat(store.encounters().recentEncounters(3)).extracting(EncounterSummary::patientName)
                    .containsExactly("Bo Chen", "Ann Lee", "Bo Chen");
            assertThat(store.encounters().recentEncounters(0)).isEmpty();
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.encounters().recentEncounters(10)).hasSize(4).first()
                    .satisfies(e -> assertThat(e.startedAt()).isEqualTo(monday.plusSeconds(3 * 86_400L)))
                    .satisfies(e -> assertThat(e.recordNumber()).isNull());
        }
    }

    @Test
    void autosaveReachesTheDiskAndSurvivesReopening() throws Exception {
        String encounterId;
        long revision;
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            encounterId = StoreFixtures.patientWithEncounter(store, "Ann Lee", null, "note", doctor)[1];
            CountDownLatch saved = new CountDownLatch(1);
            long[] savedRevision = {0};
            store.drafts().addAutosaveListener(new AutosaveListener() {
                @Override
                public void saved(String id, long rev, Instant at) {
                    savedRevision[0] = rev;
                    saved.countDown();
                }

                @Override
                public void failed(String id, long rev, MedScribeException failure) {
                }
            });
            store.drafts().autosave(encounterId, new DraftEdit("{\"text\":\"first\"}", Map.of()));
            revision = store.drafts().autosave(encounterId, new DraftEdit("{\"text\":\"second\"}",
                    StoreFixtures.edited("subjective")));
            assertThat(saved.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(savedRevision[0]).isEqualTo(revision);
            // Read from a raw connection while the store is still open: it is on disk, not only in memory.
            assertThat(StoreFixtures.count(store.layout().databaseFile(), "working_drafts")).isEqualTo(1);
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            WorkingDraft working = store.drafts().workingDraft(encounterId).orElseThrow();
            assertThat(working.contentJson()).isEqualTo("{\"text\":\"second\"}");
            assertThat(working.revision()).isEqualTo(revision);
            assertThat(working.sectionOrigins()).containsEntry("subjective", SectionOrigin.AI_EDITED);
            assertThat(working.checkpointed()).isFalse();
        }
    }

    @Test
    void generationKeepsTheDoctorsEditsAsAVersionFirst() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            String encounterId = StoreFixtures.patientWithEncounter(store, "Ann Lee", null, "note", doctor)[1];
            DraftVersion first = store.drafts().saveGeneratedDraft(encounterId, StoreFixtures.generated(StoreFixtures.DRAFT));
            assertThat(first.kind()).isEqualTo(DraftKind.AI_GENERATION);
            assertThat(first.sectionOrigins()).containsOnlyKeys("subjective", "plan")
                    .containsValue(SectionOrigin.AI);
            String edited = StoreFixtures.DRAFT.replace("Fluids and rest.", "Fluids, rest, review in 3 days.");
            store.drafts().autosave(encounterId, new DraftEdit(edited, StoreFixtures.edited("plan")));
            DraftVersion kept = store.drafts().saveBeforeGeneration(encounterId, doctor.id()).orElseThrow();
            assertThat(kept.kind()).isEqualTo(DraftKind.CLINICIAN_EDIT);
            assertThat(kept.author()).isEqualTo(Actor.clinician(doctor.id()));
            assertThat(kept.basedOn()).isEqualTo(first.id());
            assertThat(kept.sectionOrigins()).containsEntry("plan", SectionOrigin.AI_EDITED);
            // Nothing changed since: no new version.
            assertThat(store.drafts().saveBeforeGeneration(encounterId, doctor.id())).get().extracting(DraftVersion::id)
                    .isEqualTo(kept.id());
            // An edit still pending when the next generation arrives is kept as its own version too.
            store.drafts().autosave(encounterId, new DraftEdit(edited.replace("3 days", "5 days"), StoreFixtures.edited("plan")));
            DraftVersion second = store.drafts().saveGeneratedDraft(encounterId, StoreFixtures.generated(StoreFixtures.DRAFT));
            List<DraftVersion> versions = store.drafts().draftVersions(encounterId);
            assertThat(versions).extracting(DraftVersion::kind).containsExactly(DraftKind.AI_GENERATION,
                    DraftKind.CLINICIAN_EDIT, DraftKind.CLINICIAN_EDIT, DraftKind.AI_GENERATION);
            assertThat(store.drafts().draftVersion(versions.get(2).id()).contentJson()).contains("5 days");
            assertThat(second.versionNo()).isEqualTo(4);
            assertThat(store.drafts().draftVersion(first.id()).contentJson())
                    .isEqualTo(CanonicalJson.canonicalise(StoreFixtures.DRAFT));
        }
    }

    @Test
    void signingMakesTheRecordImmutableAndAmendmentsKeepTheOriginal() throws SQLException {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            String encounterId = StoreFixtures.patientWithEncounter(store, "Ann Lee", null, "note", doctor)[1];
            assertThatThrownBy(() -> store.signedRecords().sign(encounterId, doctor.id()))
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.nothingToSign");
            store.drafts().saveGeneratedDraft(encounterId, StoreFixtures.generated(StoreFixtures.DRAFT));
            SignedRecord signed = store.signedRecords().sign(encounterId, doctor.id());
            assertThat(signed.contentSha256()).isEqualTo(
                    CanonicalJson.sha256(CanonicalJson.canonicalise(StoreFixtures.DRAFT)));
            assertThat(signed.provenanceJson()).contains("tiny-llama").contains("text_sha256");
            assertThatThrownBy(() -> store.signedRecords().sign(encounterId, doctor.id()))
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.alreadySigned");

            try (Connection raw = StoreFixtures.raw(store.layout().databaseFile()); Statement s = raw.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE signed_records SET signer_id = 'x'"))
                        .hasMessageContaining("immutable");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM signed_records"))
                        .hasMessageContaining("immutable");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM encounters"))
                        .hasMessageContaining("immutable");
                assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET outcome = 'DENIED'"))
                        .hasMessageContaining("append-only");
            }

            store.drafts().autosave(encounterId, new DraftEdit(StoreFixtures.DRAFT.replace("three", "four"),
                    StoreFixtures.edited("subjective")));
            assertThatThrownBy(() -> store.signedRecords().amend(encounterId, doctor.id(), " "))
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.reasonRequired");
            SignedRecord amendment = store.signedRecords().amend(encounterId, doctor.id(), "Duration corrected by the patient");
            assertThat(amendment.recordVersion()).isEqualTo(2);
            assertThat(amendment.amendsId()).isEqualTo(signed.id());
            List<SignedRecord> records = store.signedRecords().signedRecords(encounterId);
            assertThat(records).hasSize(2);
            assertThat(records.get(0).contentJson()).contains("three");
            assertThat(records.get(1).contentJson()).contains("four");
            assertThat(records.get(1).amendmentReason()).isEqualTo("Duration corrected by the patient");
            assertThat(store.encounters().openEncounter(encounterId, Actor.clinician(doctor.id())).encounter().status())
                    .isEqualTo(EncounterStatus.AMENDED);
            assertThat(store.auditTrail().newest(50)).extracting(a -> a.action())
                    .contains("RECORD_SIGNED", "RECORD_AMENDED");
            assertThat(store.auditTrail().newest(50)).anySatisfy(a -> {
                assertThat(a.action()).isEqualTo("RECORD_SIGNED");
                assertThat(a.outcome()).isEqualTo("DENIED");
            });
        }
    }

    @Test
    void keepsSuggestionDecisionsAndFindingOverrides() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            String encounterId = StoreFixtures.patientWithEncounter(store, "Ann Lee", null, "note", doctor)[1];
            DraftVersion version = store.drafts().saveGeneratedDraft(encounterId, StoreFixtures.generated(StoreFixtures.DRAFT));
            List<Suggestion> added = store.suggestions().addSuggestions(encounterId, version.id(), List.of(
                    new NewSuggestion("DIAGNOSIS", "{\"label\":\"Acute bronchitis\",\"icd10\":\"J20.9\"}", null),
                    new NewSuggestion("QUESTION", "{\"text\":\"Any fever?\"}", null)));
            store.suggestions().decideSuggestion(added.get(0).id(), Decision.KEPT, null, doctor.id());
            store.suggestions().decideSuggestion(added.get(0).id(), Decision.EDITED, "{\"label\":\"Viral bronchitis\"}", doctor.id());
            store.suggestions().decideSuggestion(added.get(1).id(), Decision.DISCARDED, null, doctor.id());
            List<QualityFinding> findings = store.findings().recordFindings(encounterId, version.id(), List.of(
                    new NewFinding("allergies-documented", Severity.CRITICAL, "allergies", "{\"message\":\"missing\"}")));
            store.findings().overrideFinding(findings.get(0).id(), doctor.id(), "Patient unable to answer");

            OpenedEncounter opened = store.encounters().openEncounter(encounterId, Actor.clinician(doctor.id()));
            assertThat(opened.suggestions()).extracting(Suggestion::decision)
                    .containsExactly(Decision.EDITED, Decision.DISCARDED);
            assertThat(opened.suggestions().get(0).editedContentJson()).contains("Viral bronchitis");
            assertThat(opened.findings().get(0).status()).isEqualTo(FindingStatus.OVERRIDDEN);
            assertThat(opened.findings().get(0).overrideReason()).isEqualTo("Patient unable to answer");
            assertThat(opened.sources()).extracting(Source::text).containsExactly("note");
            assertThat(opened.patient().name()).isEqualTo("Ann Lee");
        }
    }

    @Test
    void keepsPageProvenanceOfImportedDocuments() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Lee", null);
            String encounterId = StoreFixtures.patientWithEncounter(store, "Ann Lee", null, "note", doctor)[1];
            Source source = store.sources().addSource(encounterId, new NewSource(SourceKind.DOCUMENT, "labs.pdf",
                    "Hb 12.1 g/dL\fCRP 4 mg/L", "application/pdf", "a".repeat(64),
                    List.of(new PageSpan(1, 0, 12), new PageSpan(2, 13, 23))), Actor.clinician(doctor.id()));
            assertThat(source.position()).isEqualTo(2);
            Source read = store.encounters().openEncounter(encounterId, Actor.system()).sources().get(1);
            assertThat(read.pages()).containsExactly(new PageSpan(1, 0, 12), new PageSpan(2, 13, 23));
            assertThat(read.label()).isEqualTo("labs.pdf");
            assertThat(read.fileSha256()).isEqualTo("a".repeat(64));
            assertThatThrownBy(() -> store.sources().addSource(encounterId, new NewSource(SourceKind.DOCUMENT, "x", "y", null,
                    "not-a-hash", null), Actor.system())).isInstanceOf(MedScribeException.class);
        }
    }

    @Test
    void aSecondKeySourceOpensTheSameDataWithoutReEncryption() {
        KeyFileKeySource second = new KeyFileKeySource(root.resolve("clinician-key"));
        try (EncounterStore store = StoreFixtures.open(root)) {
            store.patients().createPatient(new NewPatient("Bo Chen", "M-1", null, null), Actor.system());
            store.addKeyWrap(second);
        }
        try (EncounterStore store = EncounterStore.open(new org.medscribe.settings.AppDirectories(root).store(), second,
                StoreFixtures.testOptions())) {
            assertThat(store.patients().findPatientByRecordNumber("M-1")).get().extracting(Patient::name).isEqualTo("Bo Chen");
        }
    }

    @Test
    void refusesAWrongKeyAndASecondWriter() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThatThrownBy(() -> StoreFixtures.open(root))
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.inUse");
        }
        KeyFileKeySource stranger = new KeyFileKeySource(root.resolve("other.key"));
        stranger.create();
        assertThatThrownBy(() -> EncounterStore.open(new org.medscribe.settings.AppDirectories(root).store(), stranger,
                StoreFixtures.testOptions()))
                .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.keyMismatch");
        // The failed open released the lock.
        StoreFixtures.open(root).close();
    }

    @Test
    void warnsAboutNetworkAndCloudSyncedLocations() {
        assertThat(LocationCheck.checkType("nfs4")).isPresent();
        assertThat(LocationCheck.checkType("cifs")).isPresent();
        assertThat(LocationCheck.checkType("fuse.sshfs")).isPresent();
        assertThat(LocationCheck.checkType("ext4")).isEmpty();
        assertThat(LocationCheck.check(root.resolve("Dropbox").resolve("MedScribe"))).get()
                .extracting(LocationCheck.LocationWarning::messageKey).isEqualTo("storage.warning.cloudSyncPath");
        assertThat(LocationCheck.check(root.resolve("OneDrive - Clinic").resolve("data"))).isPresent();
        assertThat(LocationCheck.check(root.resolve("坚果云").resolve("data"))).isPresent();
        assertThat(LocationCheck.check(root.resolve("百度网盘同步").resolve("data"))).isPresent();
        assertThat(LocationCheck.check(root.resolve("MedScribe").resolve("data"))).isEmpty();
    }
}
