package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.review.ui.SigningViewModel;
import org.medscribe.settings.Settings;
import org.medscribe.storage.DraftVersion;
import org.medscribe.storage.SignedRecord;

/**
 * A signed record on the real window, the real engine with the tiny model and a real encrypted
 * store: Copy for the EMR says what the record is (signed by whom, when, which version, an
 * amendment with its reason; an amendment being written is a draft that leaves the signed version
 * valid), also after a restart; and a signed record stays signed when the doctor types in the note
 * and moves between encounters: no amendment and no version without an edit. The drafting is
 * {@link ScriptedClinic}'s beside the real engine (its record has sections the sources say nothing
 * about, one of which the doctor fills in).
 */
class DesktopSignedRecordTest extends DesktopTest {

    private void startDesktop(Settings settings) throws Exception {
        harness = DesktopHarness.startScripted(dataDir, settings, () -> ScriptedClinic.suggesting(0));
    }

    private String copy() throws Exception {
        harness.dialogs.clipboard = null;
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        DesktopHarness.waitUntil(10, () -> harness.dialogs.clipboard != null);
        return harness.dialogs.clipboard;
    }

    private void typeAtEnd(String sectionId, String words) throws Exception {
        StyleClassedTextArea area = robot.lookup("#section-" + sectionId + " .section-text")
                .queryAs(StyleClassedTextArea.class);
        DesktopHarness.waitUntil(10, area::isEditable);
        DesktopHarness.onFx(() -> {
            area.requestFocus();
            area.moveTo(area.getLength());
        });
        robot.write(words);
        DesktopHarness.waitUntil(10, () -> area.getText().endsWith(words));
    }

    private void openEncounter(String label, String encounterId) throws Exception {
        SigningViewModel signing = workspace().signing();
        DesktopHarness.clickEncounter(robot, label);
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null
                && workspace().openEncounter().get().id().equals(encounterId) && signing.latest().get() != null);
    }

    @Test
    void aSignedRecordIsCopiedAsSignedAndStaysSignedUntilAmendPressed() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel());
        startDesktop(settings);
        String encounterId = harness.newEncounter(robot, "Chen Wei", "MRN-0001");
        DesktopHarness.onFx(() -> workspace().sources().note().edit(ScriptedClinic.NOTE_EN));
        robot.clickOn("#draft-button");
        RecordViewModel record = workspace().record();
        DesktopHarness.waitUntil(60, () -> record.state().get() == RecordViewModel.State.DONE);
        // The sources say nothing of the plan; the doctor writes it.
        typeAtEnd("plan", "Chest X-ray today; review tomorrow.");

        assertThat(copy()).startsWith("DRAFT — not signed");

        SigningViewModel signing = workspace().signing();
        harness.dialogs.answers.add(List.of("Dr Zhou", "attending physician"));
        harness.dialogs.nextText = List.of("Unsupported statement reviewed with the patient");
        DesktopHarness.onFx(signing::sign);
        DesktopHarness.waitUntil(30, () -> signing.status().get() == SigningViewModel.Status.SIGNED
                && signing.latest().get() != null);
        harness.dialogs.nextText = null;
        SignedRecord first = harness.store.signedRecords().signedRecords(encounterId).get(0);

        // Copy for the EMR: the signed record, its signer, time, version and hash; nowhere a draft.
        String signedCopy = copy();
        assertThat(signedCopy).doesNotContain("DRAFT").doesNotContain("not valid")
                .contains("PLAN: Chest X-ray today; review tomorrow.")
                .contains("Signed by: Dr Zhou (attending physician)").contains("Signed at: ")
                .contains("Record version 1").doesNotContain("amendment")
                .contains("Content hash " + first.contentSha256());

        // The doctor types in the note and moves to another encounter and back: still signed, no new version.
        List<DraftVersion> versionsAtSignature = harness.store.drafts().draftVersions(encounterId);
        robot.clickOn("#source-text").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL)
                .write(" Seen again at noon.");
        DesktopHarness.waitUntil(10, () -> workspace().sources().note().text().get().endsWith("noon."));
        DesktopHarness.waitUntil(10, () -> workspace().savedRevision().get() >= workspace().submittedRevision().get());
        for (int round = 0; round < 2; round++) {
            if (round == 0) {
                harness.newEncounter(robot, "Li Na", "MRN-0002");
            } else {
                DesktopHarness.clickEncounter(robot, "Li Na");
            }
            DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null
                    && workspace().openEncounter().get().patientName().equals("Li Na")
                    && signing.status().get() == SigningViewModel.Status.UNSIGNED);
            openEncounter("Chen Wei", encounterId);
            assertThat(signing.status().get()).as("round %d", round).isEqualTo(SigningViewModel.Status.SIGNED);
            assertThat(record.locked().get()).isTrue();
            assertThat(harness.store.drafts().draftVersions(encounterId)).as("round %d", round)
                    .extracting(DraftVersion::id)
                    .containsExactlyElementsOf(versionsAtSignature.stream().map(DraftVersion::id).toList());
        }

        // Amend: until signed, the copy is a draft amendment and says the signed version stays valid.
        DesktopHarness.onFx(signing::startAmendment);
        typeAtEnd("chief_complaint", " Worse at night.");
        assertThat(copy()).startsWith("DRAFT AMENDMENT — not signed; not valid as a medical record. Signed version 1 "
                + "(Dr Zhou (attending physician), ").contains("Worse at night.").doesNotContain("Signed by:");
        harness.dialogs.answers.add(List.of("Night-time worsening added"));
        harness.dialogs.nextText = List.of("Unsupported statement reviewed with the patient");
        DesktopHarness.onFx(signing::sign);
        DesktopHarness.waitUntil(30, () -> harness.store.signedRecords().signedRecords(encounterId).size() == 2
                && signing.status().get() == SigningViewModel.Status.SIGNED
                && signing.latest().get() != null && signing.latest().get().version() == 2);
        harness.dialogs.nextText = null;
        SignedRecord second = harness.store.signedRecords().signedRecords(encounterId).get(1);
        String amendedCopy = copy();
        assertThat(amendedCopy).doesNotContain("DRAFT").contains("Worse at night.")
                .contains("Record version 2 — amendment; reason: Night-time worsening added")
                .contains("Content hash " + second.contentSha256());

        // After a restart the signed amendment is copied the same way.
        harness.close();
        harness = null;
        startDesktop(settings);
        DesktopHarness.waitUntil(20, () -> workspace().encounterList().items().size() == 2);
        openEncounter("Chen Wei", encounterId);
        assertThat(workspace().signing().status().get()).isEqualTo(SigningViewModel.Status.SIGNED);
        assertThat(copy()).isEqualTo(amendedCopy);
    }
}
