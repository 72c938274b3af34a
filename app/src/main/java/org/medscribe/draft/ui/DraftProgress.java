package org.medscribe.draft.ui;

import org.medscribe.ui.MessageKey;

/**
 * What the record says while a draft runs, as the command line does: the phase, which part of a long
 * encounter is being read, how far it is, and about how long is left (from the pace so far in this
 * phase). One per draft; FX thread.
 */
final class DraftProgress {

    /** Before this much of a phase has passed its pace says little: no time left is shown yet. */
    private static final double SETTLING_SECONDS = 3;

    private String key;
    private long startedNanos;
    private int part;
    private int parts;

    /** Part {@code index} (from 1) of {@code count} begins. */
    void part(int index, int count) {
        part = index;
        parts = count;
    }

    /** The line to show for {@code phaseKey} at {@code fraction} (0..1; negative when unknown). */
    MessageKey phase(String phaseKey, double fraction, long nowNanos) {
        if (!phaseKey.equals(key)) {
            key = phaseKey;
            startedNanos = nowNanos;
        }
        MessageKey phase = parts > 1 && "draft.phase.extracting".equals(phaseKey)
                ? new MessageKey("record.phase.part", new MessageKey(phaseKey), part, parts)
                : new MessageKey(phaseKey);
        if (!(fraction > 0 && fraction < 1)) {
            return phase;
        }
        long percent = Math.round(fraction * 100);
        double elapsed = (nowNanos - startedNanos) / 1e9;
        if (elapsed < SETTLING_SECONDS) {
            return new MessageKey("record.phase.progress", phase, percent);
        }
        long left = Math.round(elapsed * (1 - fraction) / fraction);
        return left >= 90 ? new MessageKey("record.phase.minutesLeft", phase, percent, Math.round(left / 60.0))
                : new MessageKey("record.phase.secondsLeft", phase, percent, Math.max(5, (left + 4) / 5 * 5));
    }
}
