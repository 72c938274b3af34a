package org.medscribe.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Tab leaves a rich-text editor for the next control (and Shift+Tab comes back) without typing. */
class EditorsTest {

    private static Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @Test
    void tabMovesTheFocusOnAndBackAndTypesNothing() throws Exception {
        StyleClassedTextArea note = new StyleClassedTextArea();
        Button draft = new Button("Draft");
        StyleClassedTextArea plain = new StyleClassedTextArea(); // without the behaviour, for contrast
        FxToolkit.setupFixture(() -> {
            note.replaceText("Cough for three days.");
            Editors.tabMovesFocus(note);
            stage.setScene(new Scene(new VBox(note, draft, plain), 400, 300));
            stage.show();
            note.requestFocus();
        });
        FxRobot robot = new FxRobot();
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(draft.isFocused()).isTrue();
        assertThat(note.getText()).isEqualTo("Cough for three days.");

        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(note.isFocused()).isTrue();

        FxToolkit.setupFixture(plain::requestFocus);
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(plain.getText()).as("a plain rich-text area types the tab").isEqualTo("\t");
    }
}
