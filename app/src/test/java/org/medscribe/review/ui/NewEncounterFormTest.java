package org.medscribe.review.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medscribe.i18n.Messages;
import org.medscribe.review.InMemoryEncounters;
import org.medscribe.ui.BackgroundTasks;
import org.medscribe.ui.FxDialogService;
import org.medscribe.ui.UnexpectedErrors;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The new-encounter form as the doctor fills it in, on the real JavaFX dialog: name and record
 * number typed, sex and kind of visit chosen from lists in the UI's language, the date of birth typed
 * as an ISO date, the visit's day today unless changed; the view-model turns the answers into the
 * encounter's details.
 */
class NewEncounterFormTest {

    private static Stage stage;
    private final FxRobot robot = new FxRobot();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 1280, 720));
            stage.show();
        });
    }

    private static EncounterListViewModel model(Locale locale) {
        Executor sameThread = Runnable::run;
        BackgroundTasks tasks = new BackgroundTasks(sameThread, sameThread, sameThread,
                new UnexpectedErrors(sameThread, failure -> { }));
        FxDialogService dialogs = new FxDialogService(() -> stage, () -> new Messages(locale), null, sameThread,
                text -> { }, dialog -> { });
        EncounterListViewModel model = new EncounterListViewModel(new InMemoryEncounters(Clock.systemUTC(), "soap-en"),
                tasks, dialogs);
        model.setToday(() -> TODAY);
        return model;
    }

    private static CompletableFuture<Optional<EncounterListViewModel.NewEncounter>> ask(EncounterListViewModel model) {
        CompletableFuture<Optional<EncounterListViewModel.NewEncounter>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(model.askNewEncounter()));
        return answer;
    }

    private void waitForForm() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#form-field-6").tryQuery().isPresent();
        });
    }

    @Test
    void theFormAnswersSexBirthDateVisitAndDay() throws Exception {
        CompletableFuture<Optional<EncounterListViewModel.NewEncounter>> answer = ask(model(Locale.ROOT));
        waitForForm();
        robot.clickOn("#form-field-0").write("Wang Fang");
        robot.clickOn("#form-field-1").write("MRN-77");
        robot.clickOn("#form-field-2");
        robot.clickOn(robot.lookup(".list-cell").match((javafx.scene.control.ListCell<?> c) -> "Female".equals(c.getText()))
                .<Node>query());
        robot.clickOn(robot.lookup("#form-field-3").queryAs(DatePicker.class).getEditor()).write("1980-03-02");
        robot.clickOn("#form-field-5");
        robot.clickOn(robot.lookup(".list-cell").match((javafx.scene.control.ListCell<?> c) -> "Emergency".equals(c.getText()))
                .<Node>query());
        assertThat(robot.lookup("#form-field-6").queryAs(DatePicker.class).getEditor().getText())
                .isEqualTo("2026-12-07");
        org.medscribe.ui.Screens.save(robot.lookup("#form-dialog").queryAs(Node.class).getScene().getWindow(), "new-encounter-form-en.png");
        robot.clickOn("OK");

        EncounterListViewModel.NewEncounter form = answer.get(20, TimeUnit.SECONDS).orElseThrow();
        assertThat(form.patientName()).isEqualTo("Wang Fang");
        assertThat(form.recordNumber()).isEqualTo("MRN-77");
        assertThat(form.details().sex()).isEqualTo("F");
        assertThat(form.details().birthDate()).isEqualTo("1980-03-02");
        assertThat(form.details().visitType()).isEqualTo("EMERGENCY");
        assertThat(form.details().visitDate()).isEqualTo(TODAY);
        assertThat(form.details().ageOn(TODAY)).isEqualTo(46);
    }

    @Test
    void theChineseFormOffersTheVisitTypesDoctorsUseAndCancelAnswersNothing() throws Exception {
        CompletableFuture<Optional<EncounterListViewModel.NewEncounter>> answer = ask(model(Messages.CHINESE));
        waitForForm();
        robot.clickOn("#form-field-5");
        java.util.List<String> offered = robot.lookup(".list-cell").queryAll().stream()
                .map(cell -> ((javafx.scene.control.ListCell<?>) cell).getText()).toList();
        assertThat(offered).contains("初诊", "复诊", "急诊");
        robot.clickOn(robot.lookup(".list-cell").match((javafx.scene.control.ListCell<?> c) -> "复诊".equals(c.getText()))
                .<Node>query());
        org.medscribe.ui.Screens.save(robot.lookup("#form-dialog").queryAs(Node.class).getScene().getWindow(), "new-encounter-form-zh.png");
        robot.clickOn("取消");
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEmpty();
    }
}
