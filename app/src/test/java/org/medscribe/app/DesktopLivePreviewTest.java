package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.draft.ui.SectionViewModel;

/**
 * The record's live preview on the real engine (the tiny random model: its facts are gibberish, the
 * JSON its grammar allows is valid): while the model writes, a section card says "Writing…" and
 * shows the facts written for it so far, and the checked draft then replaces the preview. The app's
 * own drafting runs behind a gate that holds the engine's token stream after each piece of live
 * text, so the window is looked at while generation is provably unfinished.
 */
class DesktopLivePreviewTest extends GatedDesktopTest {

    /** Drafts to try: the random model writes one fact or more per section, at random. */
    private static final int ATTEMPTS = 8;

    /** What a card showed while the model was held. */
    private record Seen(String sectionId, String text) {
    }


    @Test
    void sectionsShowWhatTheModelWritesUntilTheCheckedDraftReplacesIt() throws Exception {
        String note = ScriptedClinic.NOTE_EN;
        boolean grew = false;
        int piecesSeen = 0;
        int attempt = 0;
        for (; attempt < ATTEMPTS && !grew; attempt++) {
            // A different note each time: a fresh extraction that streams (a repeated one comes from the cache).
            String text = note + " Visit " + (attempt + 1) + ".";
            DesktopHarness.onFx(() -> harness.workspace().sources().note().edit(text));
            DesktopHarness.waitUntil(30, () -> !robot.lookup("#draft-button").queryAs(Node.class).isDisabled());
            List<Seen> seen = draftLookingAtEachPiece();
            piecesSeen += seen.size();
            for (int i = 1; i < seen.size(); i++) {
                Seen before = seen.get(i - 1);
                Seen after = seen.get(i);
                if (before.sectionId().equals(after.sectionId())) {
                    // A second fact of the same section: its card grew while it still said "Writing…".
                    assertThat(after.text()).startsWith(before.text()).hasSizeGreaterThan(before.text().length());
                    grew = true;
                }
            }
            assertFinalDraftReplacedThePreview(seen);
        }
        System.err.printf("live preview: %d pieces shown over %d draft(s)%n", piecesSeen, attempt);
        assertThat(piecesSeen).as("pieces of live text shown while the model was writing").isPositive();
        assertThat(grew).as("a card's live text grew within one of " + ATTEMPTS + " drafts").isTrue();
    }

    /**
     * Drafts, holding the model after each piece of live text until the card it was for shows it as
     * being written; returns what the cards showed.
     */
    private List<Seen> draftLookingAtEachPiece() throws Exception {
        List<Seen> seen = new ArrayList<>();
        int holds = gate.holds();
        gate.holdAfterTexts(1);
        robot.clickOn("#draft-button");
        while (true) {
            int before = holds;
            DesktopHarness.waitUntil(60, () -> gate.holds() > before
                    || record().state().get() == RecordViewModel.State.DONE);
            if (gate.holds() == before) {
                return seen; // the draft ended without another piece
            }
            holds = gate.holds();
            String id = gate.lastWritten;
            String written = gate.written.get(id);
            if (gate.completed.contains(id)) {
                // The token that closed the fact closed its section too: never written and unfinished at once.
                gate.releaseUntilTexts(gate.texts() + 1);
                continue;
            }
            DesktopHarness.waitUntil(10, () -> previewText(id).equals(written));
            // The model is held mid-answer: the draft is not done, and the card says it is being written.
            assertThat(record().state().get()).isEqualTo(RecordViewModel.State.STREAMING);
            assertThat(section(id).state().get()).isEqualTo(SectionViewModel.State.STREAMING);
            assertThat(robot.lookup("#badge-" + id).queryAs(Label.class).getText()).isEqualTo("Writing…");
            assertThat(robot.lookup("#section-" + id + " .section-preview").queryAs(Node.class).isVisible()).isTrue();
            assertThat(written).isNotBlank();
            seen.add(new Seen(id, written));
            gate.releaseUntilTexts(gate.texts() + 1);
        }
    }

    /** Every card that showed live text now shows the checked section in the rich text area instead. */
    private void assertFinalDraftReplacedThePreview(List<Seen> seen) throws Exception {
        DesktopHarness.waitUntil(60, () -> record().state().get() == RecordViewModel.State.DONE);
        assertThat(robot.lookup(".section-badge").queryAllAs(Label.class))
                .noneMatch(badge -> badge.isVisible() && badge.getText().equals("Writing…"));
        for (String id : seen.stream().map(Seen::sectionId).distinct().toList()) {
            SectionViewModel section = section(id);
            assertThat(section.state().get()).as(id).isEqualTo(SectionViewModel.State.DRAFTED);
            assertThat(section.statements()).as(id).isNotEmpty();
            assertThat(robot.lookup("#section-" + id + " .section-preview").queryAs(Node.class).isVisible()).isFalse();
            StyleClassedTextArea area = robot.lookup("#section-" + id + " .section-text").queryAs(StyleClassedTextArea.class);
            assertThat(area.isVisible()).isTrue();
            assertThat(area.getText()).isEqualTo(section.text().get());
            for (SectionViewModel.PlacedStatement statement : section.statements()) {
                assertThat(area.getText().substring(statement.start(), statement.end())).isEqualTo(statement.text());
            }
        }
    }

    private String previewText(String sectionId) {
        return robot.lookup("#section-" + sectionId + " .section-preview-text").tryQueryAs(Text.class)
                .map(Text::getText).orElse("");
    }

    private SectionViewModel section(String id) {
        return record().sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
