package org.medscribe.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.wellbehaved.event.EventPattern;
import org.fxmisc.wellbehaved.event.InputMap;
import org.fxmisc.wellbehaved.event.Nodes;

/** Behaviour shared by the app's rich-text editors (the note, the record's sections). */
public final class Editors {

    private Editors() {
    }

    /**
     * Tab and Shift+Tab move the focus to the next or previous control, as in every form, instead of
     * typing a tab character: a clinical note has no use for one, and the keyboard must be able to
     * leave the editor (note → template → Draft → sections).
     */
    public static void tabMovesFocus(GenericStyledArea<?, ?, ?> area) {
        Nodes.addInputMap(area, InputMap.sequence(
                InputMap.ignore(EventPattern.keyPressed(KeyCode.TAB)),
                InputMap.ignore(EventPattern.keyPressed(KeyCode.TAB, KeyCombination.SHIFT_DOWN)),
                InputMap.ignore(EventPattern.keyTyped("\t"))));
    }
}
