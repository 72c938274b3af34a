package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.draft.ui.SectionViewModel;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.quality.ui.QualityViewModel;
import org.medscribe.quality.RecordQuality;
import org.medscribe.review.ui.SigningViewModel;
import org.medscribe.settings.Settings;
import org.medscribe.storage.DraftKind;
import org.medscribe.storage.DraftVersion;
import org.medscribe.storage.FindingStatus;
import org.medscribe.storage.QualityFinding;
import org.medscribe.storage.SectionOrigin;
import org.medscribe.storage.SignedRecord;

/**
 * Quality findings, signing with an override, the signed record read-only, an amendment and the
 * PDF export, on the real window, the real engine with the tiny model and a real encrypted store.
 * The drafting is {@link ScriptedClinic}'s (beside the real engine): its record has real evidence
 * spans and known defects (no plan: critical; an unsupported statement), which the tiny model's
 * random text would not give.
 */
class DesktopReviewTest extends DesktopTest {

    @TempDir
    Path exportDir;

    private void showTab(String id) throws Exception {
        TabPane tabs = robot.lookup("#side-tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
        DesktopHarness.onFx(() -> tabs.getSelectionModel().select(tab));
    }

    @Test
    void findingsShowInTheRecordCriticalOnesNeedAReasonToSignAndAnAmendmentKeepsTheOriginal() throws Exception {
        Settings settings = Settings.defaults().withModelPath(TestModels.languageModel())
                .withClinic(new Settings.Clinic("Riverside Community Clinic", "12 River Road", null));
        harness = DesktopHarness.startScripted(dataDir, settings, () -> ScriptedClinic.suggesting(0));

        // A new encounter, the note, Draft.
        String encounterId = harness.newEncounter(robot, "Chen Wei", "MRN-0001");
        DesktopHarness.onFx(() -> workspace().sources().note().edit(ScriptedClinic.NOTE_EN));
        robot.clickOn("#draft-button");
        RecordViewModel record = workspace().record();
        DesktopHarness.waitUntil(60, () -> record.state().get() == RecordViewModel.State.DONE);

        // The generation is a version of its own, every section of AI origin; the note became a source.
        DesktopHarness.waitUntil(20, () -> harness.store.drafts().draftVersions(encounterId).stream()
                .anyMatch(v -> v.kind() == DraftKind.AI_GENERATION));
        DraftVersion generated = harness.store.drafts().draftVersions(encounterId).stream()
                .filter(v -> v.kind() == DraftKind.AI_GENERATION).findFirst().orElseThrow();
        assertThat(generated.sectionOrigins()).isNotEmpty().containsValue(SectionOrigin.AI)
                .doesNotContainValue(SectionOrigin.HUMAN);
        assertThat(harness.store.drafts().draftVersion(generated.id()).contentJson()).contains("Cough for five days");

        // The rules ran after the draft: no plan is critical; the unsupported statement is a finding.
        QualityViewModel quality = workspace().quality();
        DesktopHarness.waitUntil(20, () -> quality.report().get() != null);
        assertThat(quality.report().get().signingBlocked()).isTrue();
        assertThat(quality.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo("plan.missing");
            assertThat(f.critical()).isTrue();
            assertThat(f.message().english()).isNotBlank();
            assertThat(f.message().chinese()).isNotEqualTo(f.message().english());
        });
        List<QualityFinding> kept = harness.store.findings().findings(encounterId);
        assertThat(kept).extracting(QualityFinding::ruleId).contains("plan.missing", "evidence.unsupported");

        // Clicking a finding selects its section and highlights its span there.
        showTab("quality-tab");
        int index = indexOf(quality.findings(), "evidence.unsupported");
        RecordQuality.Finding unsupported = quality.findings().get(index);
        assertThat(unsupported.sectionId()).isEqualTo("assessment");
        DesktopHarness.waitUntil(10, () -> robot.lookup("#finding-" + index).tryQuery().isPresent());
        scrollIntoView(robot.lookup("#finding-" + index).query());
        robot.clickOn("#finding-" + index);
        DesktopHarness.waitUntil(10, () -> quality.selected().get() == unsupported);
        int assessment = indexOfSection(record, "assessment");
        assertThat(record.focusedSection().get()).isEqualTo(assessment);
        StyleClassedTextArea assessmentText = robot.lookup("#section-assessment .section-text")
                .queryAs(StyleClassedTextArea.class);
        DesktopHarness.waitUntil(10, () -> assessmentText.getStyleOfChar(unsupported.start() + 1)
                .contains("finding-highlight"));
        assertThat(assessmentText.getText().substring(unsupported.start(), unsupported.end()))
                .isEqualTo("Amoxicillin 1 g was started.");

        // Sign: who signs is asked once; the critical finding asks for a reason, kept with the signature.
        showTab("signing-tab");
        DesktopHarness.signAs(robot, harness, "Dr Zhou", "attending physician", "Plan given verbally; patient returns tomorrow");
        SigningViewModel signing = workspace().signing();
        DesktopHarness.waitUntil(30, () -> signing.status().get() == SigningViewModel.Status.SIGNED);
        assertThat(harness.dialogs.asked).extracting(prompt -> prompt.get(0))
                .containsSubsequence("signing.clinician.title", "signing.override.title");
        assertThat(harness.dialogs.asked.stream().filter(p -> p.get(0).equals("signing.override.title")).findFirst()
                .orElseThrow()).anySatisfy(line -> assertThat(line).startsWith("Plan"));
        List<SignedRecord> signed = harness.store.signedRecords().signedRecords(encounterId);
        assertThat(signed).hasSize(1);
        assertThat(workspace().settings().get().clinician().storeId()).isEqualTo(signed.get(0).signerId());
        assertThat(harness.store.patients().clinicians()).anySatisfy(c -> assertThat(c.displayName()).isEqualTo("Dr Zhou"));
        List<QualityFinding> overridden = harness.store.findings().findings(encounterId).stream()
                .filter(f -> f.status() == FindingStatus.OVERRIDDEN).toList();
        assertThat(overridden).isNotEmpty().allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(org.medscribe.record.Severity.CRITICAL);
            assertThat(f.overrideReason()).isEqualTo("Plan given verbally; patient returns tomorrow");
            assertThat(f.draftVersionId()).isEqualTo(signed.get(0).draftVersionId());
        });
        assertThat(signed.get(0).contentJson()).doesNotContain("note_draft").contains("Cough for five days");

        // Signed: signer, time and hash shown; the record is read-only.
        Label banner = robot.lookup("#signed-banner").queryAs(Label.class);
        DesktopHarness.waitUntil(10, () -> banner.isVisible() && banner.getText().contains("Dr Zhou"));
        assertThat(banner.getText()).contains(signed.get(0).contentSha256().substring(0, 12));
        assertThat(robot.lookup("#signed-hash").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo(signed.get(0).contentSha256());
        StyleClassedTextArea complaint = robot.lookup("#section-chief_complaint .section-text")
                .queryAs(StyleClassedTextArea.class);
        assertThat(complaint.isEditable()).isFalse();
        String before = complaint.getText();
        DesktopHarness.onFx(() -> {
            complaint.requestFocus();
            complaint.moveTo(complaint.getLength());
        });
        robot.write(" x");
        assertThat(record.sections().get(0).text().get()).isEqualTo(before);
        assertThat(robot.lookup("#draft-button").queryAs(Node.class).isDisabled()).isTrue();

        // Export the signed record as PDF with the clinic's letterhead.
        String text = DesktopHarness.exportedPdfText(robot, harness, exportDir.resolve("signed.pdf"));
        assertThat(text).contains("Riverside Community Clinic").contains("Dr Zhou").contains("Chen Wei")
                .contains("Cough for five days").contains(signed.get(0).contentSha256().substring(0, 16));

        // Amend: editable again; the amendment needs its own reason; the original stays as it was.
        DesktopHarness.amendChiefComplaint(robot, harness, " Worse at night.", "Night-time worsening added",
                "Plan still given verbally");
        DesktopHarness.waitUntil(30, () -> harness.store.signedRecords().signedRecords(encounterId).size() == 2
                && signing.status().get() == SigningViewModel.Status.SIGNED);
        List<SignedRecord> both = harness.store.signedRecords().signedRecords(encounterId);
        assertThat(both.get(0).contentSha256()).isEqualTo(signed.get(0).contentSha256());
        assertThat(both.get(1).amendmentReason()).isEqualTo("Night-time worsening added");
        assertThat(both.get(1).amendsId()).isEqualTo(both.get(0).id());
        assertThat(both.get(1).contentJson()).contains("Worse at night.");
        assertThat(both.get(0).contentJson()).doesNotContain("Worse at night.");
        DesktopHarness.waitUntil(10, () -> signing.signed().size() == 2);
        assertThat(robot.lookup("#signing-history .history-signed").queryAll()).hasSize(2);
        // Reopened later, the signed record opens read-only again.
        harness.dialogs.answers.add(List.of("Li Na", "MRN-0002"));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null
                && workspace().openEncounter().get().patientName().equals("Li Na")
                && signing.status().get() == SigningViewModel.Status.UNSIGNED);
        assertThat(record.locked().get()).isFalse();
        robot.clickOn(robot.lookup("#encounter-list .list-cell")
                .match((javafx.scene.control.ListCell<?> cell) -> cell.getText() != null
                        && cell.getText().startsWith("Chen Wei"))
                .<Node>query());
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get().id().equals(encounterId)
                && signing.status().get() == SigningViewModel.Status.SIGNED && signing.latest().get() != null);
        assertThat(signing.latest().get().version()).isEqualTo(2);
        assertThat(record.locked().get()).isTrue();
        assertThat(record.sections().get(0).text().get()).endsWith("Worse at night.");
        assertThat(harness.store.drafts().draftVersions(encounterId).stream()
                .filter(v -> v.kind() == DraftKind.CLINICIAN_EDIT)
                .anyMatch(v -> v.sectionOrigins().get("chief_complaint") == SectionOrigin.AI_EDITED)).isTrue();
    }

    /** Scrolls the enclosing scroll pane so that {@code node} can be clicked. */
    private static void scrollIntoView(Node node) throws Exception {
        DesktopHarness.onFx(() -> {
            Node at = node.getParent();
            while (at != null && !(at instanceof javafx.scene.control.ScrollPane)) {
                at = at.getParent();
            }
            if (at instanceof javafx.scene.control.ScrollPane scroll) {
                double content = scroll.getContent().getBoundsInLocal().getHeight();
                double viewport = scroll.getViewportBounds().getHeight();
                double y = scroll.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
                scroll.setVvalue(content <= viewport ? 0 : Math.min(1, y / (content - viewport)));
            }
        });
    }

    private static int indexOf(List<RecordQuality.Finding> findings, String rule) {
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).rule().equals(rule)) {
                return i;
            }
        }
        throw new AssertionError("no finding " + rule + " in " + findings);
    }

    private static int indexOfSection(RecordViewModel record, String id) {
        List<SectionViewModel> sections = record.sections();
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no section " + id);
    }
}
