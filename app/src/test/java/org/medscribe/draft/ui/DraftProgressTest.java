package org.medscribe.draft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.MessageKey;

/** The progress line of a long draft says which part is read, how far it is and about how long is left. */
class DraftProgressTest {

    private static final long SECOND = 1_000_000_000L;
    private final Messages english = new Messages(java.util.Locale.ROOT);
    private final Messages chinese = new Messages(Messages.CHINESE);

    @Test
    void aLongDraftSaysItsPartThePercentageAndTheTimeLeft() {
        DraftProgress progress = new DraftProgress();
        progress.part(1, 3);
        MessageKey start = progress.phase("draft.phase.extracting", 0, 0);
        assertThat(start.in(english)).contains("part 1 of 3").doesNotContain("%");
        progress.part(2, 3);
        MessageKey early = progress.phase("draft.phase.extracting", 0.4, 2 * SECOND);
        assertThat(early.in(english)).contains("part 2 of 3").contains("40%").doesNotContain("left");
        // 40 % in 40 s: about 60 s to go.
        MessageKey later = progress.phase("draft.phase.extracting", 0.4, 40 * SECOND);
        assertThat(later.in(english)).contains("part 2 of 3").contains("40%").contains("about 60 s left");
        assertThat(later.in(chinese)).contains("第 2/3 部分").contains("约剩 60 秒");
        // 10 % in 60 s: about nine minutes to go.
        assertThat(progress.phase("draft.phase.extracting", 0.1, 60 * SECOND).in(english)).contains("about 9 min left");
    }

    @Test
    void aShortDraftOrAPhaseOfUnknownLengthSaysOnlyThePhase() {
        DraftProgress progress = new DraftProgress();
        assertThat(progress.phase("draft.phase.checking", -1, 0)).isEqualTo(new MessageKey("draft.phase.checking"));
        assertThat(progress.phase("draft.phase.extracting", 0.5, SECOND).in(english)).doesNotContain("part");
    }
}
