package org.medscribe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.MedScribeException;
import org.medscribe.settings.AppDirectories;

/**
 * Schema 5 on a real SQLite file: the visit's kind, day and the age given are kept with the
 * encounter (the age encrypted), the patient's sex and date of birth with the patient, and a
 * returning patient's missing ones are filled in, never overwritten; the encounter a clinician
 * opened last is found again after reopening the store.
 */
class EncounterDetailsTest {

    @TempDir
    Path root;

    @Test
    void keepsTheVisitDetailsAcrossReopeningAndEncryptsTheAge() throws Exception {
        String encounterId;
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Zhou", "physician");
            Patient patient = store.patients().createPatient(new NewPatient("Wang Fang", "MRN-55", null, "F"),
                    Actor.clinician(doctor.id()));
            encounterId = store.encounters().createEncounter(patient.id(), new NewEncounter(null, null, doctor.id(),
                    VisitType.FOLLOW_UP, LocalDate.of(2026, 11, 30), "73"), Actor.clinician(doctor.id())).id();
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            EncounterSummary kept = store.encounters().recentEncounters(10).get(0);
            assertThat(kept.id()).isEqualTo(encounterId);
            assertThat(kept.visitType()).isEqualTo(VisitType.FOLLOW_UP);
            assertThat(kept.visitDate()).isEqualTo(LocalDate.of(2026, 11, 30));
            assertThat(kept.patientAge()).isEqualTo("73");
            assertThat(kept.sex()).isEqualTo("F");
            assertThat(kept.birthDate()).isNull();
        }
        // The age is patient data: not in the clear in the database file.
        Path database = new AppDirectories(root).store().databaseFile();
        try (java.sql.Connection c = StoreFixtures.raw(database);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT patient_age, visit_type FROM encounters")) {
            assertThat(rs.next()).isTrue();
            assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("73");
            assertThat(rs.getString(2)).isEqualTo("FOLLOW_UP");
        }
    }

    @Test
    void aReturningPatientsMissingSexAndBirthDateAreFilledInButNeverOverwritten() {
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Zhou", "physician");
            Actor actor = Actor.clinician(doctor.id());
            Patient first = store.patients().createPatient(new NewPatient("Li Lei", "MRN-9", null, null), actor);
            Patient completed = store.patients().completePatient(first.id(), "M", "1970-05-06", actor);
            assertThat(completed.sex()).isEqualTo("M");
            assertThat(completed.birthDate()).isEqualTo("1970-05-06");
            Patient again = store.patients().completePatient(first.id(), "F", "1999-01-01", actor);
            assertThat(again.sex()).isEqualTo("M");
            assertThat(again.birthDate()).isEqualTo("1970-05-06");
            assertThat(store.auditTrail().newest(20)).filteredOn(a -> a.action().equals("PATIENT_UPDATED")).hasSize(1);
            // The filled-in row is sealed again: verify must not take the app's own update for tampering.
            assertThat(store.verify(org.medscribe.common.CancellationToken.none(),
                    org.medscribe.common.ProgressListener.NONE).ok()).isTrue();
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.patients().findPatientByRecordNumber("MRN-9")).get()
                    .satisfies(p -> assertThat(p.sex()).isEqualTo("M"));
        }
    }

    @Test
    void theEncounterAClinicianOpenedLastIsFoundAfterReopening() {
        String second;
        String doctorId;
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician doctor = store.patients().addClinician("Dr Zhou", "physician");
            Clinician other = store.patients().addClinician("Dr Other", "physician");
            doctorId = doctor.id();
            assertThat(store.encounters().lastOpenedBy(doctorId)).isEmpty();
            String first = StoreFixtures.patientWithEncounter(store, "A", "MRN-1", "note", doctor)[1];
            second = StoreFixtures.patientWithEncounter(store, "B", "MRN-2", "note", doctor)[1];
            store.encounters().openEncounter(first, Actor.clinician(doctorId));
            store.encounters().openEncounter(second, Actor.clinician(doctorId));
            store.encounters().openEncounter(first, Actor.clinician(other.id())); // someone else's view
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.encounters().lastOpenedBy(doctorId)).get().extracting(EncounterSummary::id)
                    .isEqualTo(second);
        }
    }

    @Test
    void aSignedRecordAwaitsItsCoSignatureUntilAnotherClinicianGivesIt() {
        String encounterId;
        try (EncounterStore store = StoreFixtures.open(root)) {
            Clinician resident = store.patients().addClinician("Dr Resident", "resident");
            Clinician attending = store.patients().addClinician("Dr Attending", "attending physician");
            encounterId = StoreFixtures.patientWithEncounter(store, "Ann Lee", null, "note", resident)[1];
            store.drafts().saveGeneratedDraft(encounterId, StoreFixtures.generated(StoreFixtures.DRAFT));
            store.signedRecords().sign(encounterId, resident.id());
            assertThat(store.cosignatures().state(encounterId).requested()).isFalse();
            assertThatThrownBy(() -> store.cosignatures().request(encounterId, attending.id()))
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.cosignNotSigner");
            store.cosignatures().request(encounterId, resident.id());
            assertThat(store.encounters().recentEncounters(1).get(0).status())
                    .isEqualTo(EncounterStatus.AWAITING_COSIGNATURE);
            assertThatThrownBy(() -> store.cosignatures().cosign(encounterId, resident.id()))
                    .extracting(e -> ((MedScribeException) e).messageKey()).isEqualTo("storage.error.cosignSelf");
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            // Still awaiting after reopening (read back from the store, not remembered).
            assertThat(store.encounters().recentEncounters(1).get(0).status())
                    .isEqualTo(EncounterStatus.AWAITING_COSIGNATURE);
            String attending = store.patients().clinicians().stream()
                    .filter(c -> c.displayName().equals("Dr Attending")).findFirst().orElseThrow().id();
            store.cosignatures().cosign(encounterId, attending);
            assertThat(store.cosignatures().state(encounterId).cosignedBy()).isEqualTo(attending);
            assertThat(store.encounters().recentEncounters(1).get(0).status()).isEqualTo(EncounterStatus.SIGNED);
            assertThat(store.verify(org.medscribe.common.CancellationToken.none(),
                    org.medscribe.common.ProgressListener.NONE).ok()).isTrue();
        }
        try (EncounterStore store = StoreFixtures.open(root)) {
            assertThat(store.encounters().recentEncounters(1).get(0).status()).isEqualTo(EncounterStatus.SIGNED);
        }
    }
}
