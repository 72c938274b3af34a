package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.EngineState;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.review.ui.SigningViewModel;
import org.medscribe.settings.Settings;
import org.medscribe.storage.VisitType;

/**
 * The new encounter's details (sex, date of birth, kind and day of the visit) on the real window with
 * the real engine and a real encrypted store: shown above the record and in the worklist, kept in
 * the store and printed in the signed PDF; the worklist says whether each record is a draft, signed
 * or amended; signed versions open read-only and compare side by side; the app reopens the last
 * encounter on start. The drafting is {@link ScriptedClinic}'s beside the real engine (a record with
 * real text to sign and compare).
 */
class DesktopEncounterDetailsTest extends DesktopTest {

    @TempDir
    Path exportDir;

    private Settings settings() {
        return Settings.defaults().withModelPath(TestModels.languageModel())
                .withClinic(new Settings.Clinic("Riverside Community Clinic", "12 River Road", null));
    }

    private DesktopHarness startDesktop(Settings settings) throws Exception {
        DesktopHarness started = DesktopHarness.start(dataDir, settings, parts -> MedScribeApplication.services(
                parts.directories(), settings, parts.engine(), parts.encounters())
                .withDrafting(ScriptedClinic.drafting(MedScribeApplication.services(parts.directories(), settings,
                        parts.engine(), parts.encounters()).drafting(), 0))
                .withSuggesting(ScriptedClinic.suggesting(0)).withoutCrash());
        DesktopHarness.onFx(() -> {
            started.desktop.stage().setWidth(1280);
            started.desktop.stage().setHeight(720);
        });
        DesktopHarness.waitUntil(120, () -> started.workspace().engineStatus().state().get() == EngineState.READY);
        return started;
    }

    private void showTab(String id) throws Exception {
        TabPane tabs = robot.lookup("#side-tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
        DesktopHarness.onFx(() -> tabs.getSelectionModel().select(tab));
    }

    /** The worklist line of {@code patient}: its text and its status badge. */
    private ListCell<?> line(String patient) {
        return robot.lookup("#encounter-list .list-cell")
                .match((ListCell<?> cell) -> cell.getText() != null && cell.getText().startsWith(patient))
                .queryAs(ListCell.class);
    }

    private static String badge(ListCell<?> cell) {
        return cell.getGraphic() != null && cell.getGraphic().lookup(".encounter-status") instanceof Label label
                ? label.getText() : "";
    }

    @Test
    void theVisitIsShownKeptAndPrintedAndSignedVersionsCompareAndTheLastEncounterReopens() throws Exception {
        harness = startDesktop(settings());

        // New encounter: the form's answers (name, number, sex, birth date, age, visit, day).
        harness.dialogs.answers.add(List.of("Chen Wei", "MRN-0001", "M", "1968-03-02", "", "FOLLOW_UP", "2026-12-01"));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null);
        String encounterId = workspace().openEncounter().get().id();
        Label header = robot.lookup("#encounter-header").queryAs(Label.class);
        DesktopHarness.waitUntil(10, header::isVisible);
        assertThat(header.getText()).contains("Chen Wei · MRN-0001").contains("Male").contains("58 y")
                .contains("1968-03-02").contains("Follow-up").contains("2026-12-01");
        DesktopHarness.waitUntil(10, () -> robot.lookup("#encounter-list .list-cell").match((ListCell<?> cell) ->
                cell.getText() != null && cell.getText().startsWith("Chen Wei")).tryQuery().isPresent());
        assertThat(line("Chen Wei").getText()).contains("Male").contains("Follow-up");
        assertThat(badge(line("Chen Wei"))).isEqualTo("Draft");
        assertThat(harness.store.encounters().recentEncounters(5).get(0)).satisfies(kept -> {
            assertThat(kept.visitType()).isEqualTo(VisitType.FOLLOW_UP);
            assertThat(kept.visitDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 1));
            assertThat(kept.sex()).isEqualTo("M");
            assertThat(kept.birthDate()).isEqualTo("1968-03-02");
        });

        // Draft and sign (who signs, then a reason for the critical finding): the worklist says Signed.
        DesktopHarness.onFx(() -> workspace().sources().note().edit(ScriptedClinic.NOTE_EN));
        robot.clickOn("#draft-button");
        RecordViewModel record = workspace().record();
        DesktopHarness.waitUntil(60, () -> record.state().get() == RecordViewModel.State.DONE);
        showTab("signing-tab");
        DesktopHarness.signAs(robot, harness, "Dr Zhou", "attending physician", "Plan given verbally");
        SigningViewModel signing = workspace().signing();
        DesktopHarness.waitUntil(30, () -> signing.status().get() == SigningViewModel.Status.SIGNED);
        DesktopHarness.waitUntil(10, () -> badge(line("Chen Wei")).equals("Signed"));

        // The signer asks for a co-signature: the worklist says so until another clinician co-signs.
        robot.clickOn("#request-cosign");
        DesktopHarness.waitUntil(10, () -> badge(line("Chen Wei")).equals("Awaiting co-signature"));
        DesktopHarness.waitUntil(10, () -> robot.lookup("#cosign-record").queryAs(Node.class).isVisible());
        DesktopHarness.onFx(() -> workspace().settings().update(now -> now.withClinician(
                new Settings.Clinician("Dr Li", "attending physician", null))));
        robot.clickOn("#cosign-record");
        DesktopHarness.waitUntil(20, () -> badge(line("Chen Wei")).equals("Signed")
                && signing.cosignState().get().cosignedBy() != null);
        assertThat(signing.cosignState().get().cosignedBy()).isEqualTo("Dr Li");

        // The signed PDF names the patient's sex, birth date, the kind and the day of the visit.
        String text = DesktopHarness.exportedPdfText(robot, harness, exportDir.resolve("signed.pdf"));
        assertThat(text).contains("Chen Wei").contains("Male").contains("1968-03-02").contains("Follow-up")
                .contains("2026-12-01");

        // Amend: the worklist says Amended; version 1 opens read-only; v1 and v2 compare word by word.
        DesktopHarness.amendChiefComplaint(robot, harness, " Worse at night.", "Night-time worsening added",
                "Plan still given verbally");
        DesktopHarness.waitUntil(30, () -> signing.signed().size() == 2
                && signing.status().get() == SigningViewModel.Status.SIGNED);
        DesktopHarness.waitUntil(10, () -> badge(line("Chen Wei")).equals("Amended"));
        org.medscribe.ui.Screens.save(harness.desktop.stage(), "details-en-1280x720.png");

        DesktopHarness.waitUntil(10, () -> robot.lookup("#open-version-1").tryQuery().isPresent());
        robot.clickOn("#open-version-1");
        DesktopHarness.waitUntil(10, () -> robot.lookup("#version-text").tryQuery().isPresent());
        TextArea first = robot.lookup("#version-text").queryAs(TextArea.class);
        assertThat(first.isEditable()).isFalse();
        assertThat(first.getText()).contains("Cough for five days").doesNotContain("Worse at night");
        closeVersionDialog();

        robot.clickOn("#compare-version-2");
        DesktopHarness.waitUntil(10, () -> robot.lookup("#compare-newer").tryQuery().isPresent());
        assertThat(marked(robot.lookup("#compare-newer").queryAs(TextFlow.class), "diff-added"))
                .contains("Worse").contains("night").doesNotContain("Cough");
        assertThat(marked(robot.lookup("#compare-older").queryAs(TextFlow.class), "diff-removed")).isEmpty();
        org.medscribe.ui.Screens.save(robot.lookup("#compare-newer").queryAs(Node.class).getScene().getWindow(),
                "compare-en.png");
        closeVersionDialog();

        // Restart: the encounter open at closing opens again, read-only as signed.
        harness.close();
        harness = startDesktop(settings());
        DesktopHarness.waitUntil(30, () -> workspace().openEncounter().get() != null
                && workspace().openEncounter().get().id().equals(encounterId)
                && workspace().signing().status().get() == SigningViewModel.Status.SIGNED);
        DesktopHarness.waitUntil(10, () -> workspace().record().sections().get(0).text().get()
                .endsWith("Worse at night."));
        DesktopHarness.waitUntil(10, () -> robot.lookup("#encounter-header").queryAs(Label.class).getText()
                .contains("Follow-up"));
    }

    @Test
    void theChineseUiDraftsAnOutpatientRecordAndNamesTheTemplatesInChinese() throws Exception {
        harness = startDesktop(settings());
        assertThat(workspace().record().template().get().id()).isEqualTo("soap-en");
        DesktopHarness.onFx(() -> workspace().settings().update(now -> now.withUiLanguage("zh_CN")));
        DesktopHarness.waitUntil(20, () -> "outpatient-zh".equals(workspace().settings().get().defaultTemplate())
                && "outpatient-zh".equals(workspace().record().template().get().id()));

        // A new encounter starts as 门诊病历; the picker names both templates in Chinese.
        harness.dialogs.answers.add(List.of("王芳", "MZ-2026-7", "F", "", "45", "EMERGENCY", "2026-12-07"));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        DesktopHarness.waitUntil(20, () -> workspace().openEncounter().get() != null);
        DesktopHarness.waitUntil(10, () -> "outpatient-zh".equals(workspace().record().template().get().id()));
        javafx.scene.control.ComboBox<?> picker = robot.lookup("#template-picker")
                .queryAs(javafx.scene.control.ComboBox.class);
        DesktopHarness.waitUntil(10, () -> picker.getButtonCell() != null
                && "门诊病历".equals(picker.getButtonCell().getText()));
        robot.clickOn(picker);
        DesktopHarness.waitUntil(10, () -> robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .map(cell -> ((ListCell<?>) cell).getText()).collect(Collectors.toSet()).contains("SOAP 病历"));
        Set<String> names = robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
                .map(cell -> ((ListCell<?>) cell).getText()).collect(Collectors.toSet());
        assertThat(names).contains("SOAP 病历", "门诊病历").doesNotContain("SOAP note");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        Label header = robot.lookup("#encounter-header").queryAs(Label.class);
        DesktopHarness.waitUntil(10, () -> header.getText().contains("急诊"));
        assertThat(header.getText()).contains("王芳 · MZ-2026-7").contains("女").contains("45岁").contains("2026-12-07");
        DesktopHarness.waitUntil(10, () -> badge(line("王芳")).equals("草稿"));
        org.medscribe.ui.Screens.save(harness.desktop.stage(), "details-zh-1280x720.png");
    }

    private void closeVersionDialog() throws Exception {
        Window dialog = robot.lookup("#version-dialog").queryAs(Node.class).getScene().getWindow();
        DesktopHarness.onFx(dialog::hide);
        DesktopHarness.waitUntil(10, () -> robot.lookup("#version-dialog").tryQuery().isEmpty());
    }

    /** The text of {@code flow} in pieces of style class {@code marked}. */
    private static String marked(TextFlow flow, String marked) {
        return flow.getChildren().stream().filter(node -> node.getStyleClass().contains(marked))
                .map(node -> ((Text) node).getText()).collect(Collectors.joining("|"));
    }
}
