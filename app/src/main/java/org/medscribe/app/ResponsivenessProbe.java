package org.medscribe.app;

import java.util.Arrays;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Measures how smoothly the FX thread runs: an {@link AnimationTimer} records the time of every
 * pulse, and the gaps between pulses show any stall (a blocked FX thread delays the next pulse).
 * At 60 Hz the ideal gap is 16.7 ms. Start and stop on the FX thread.
 */
public final class ResponsivenessProbe {

    /**
     * @param pulses    pulses seen
     * @param maxGapMs  longest gap between two pulses
     * @param p99GapMs  99th percentile of the gaps
     * @param meanGapMs mean gap
     * @param over50Ms  gaps longer than 50 ms
     */
    public record Figures(int pulses, double maxGapMs, double p99GapMs, double meanGapMs, int over50Ms) {

        public String line() {
            return String.format(Locale.ROOT, "pulses=%d longest_gap_ms=%.1f p99_gap_ms=%.1f mean_gap_ms=%.1f "
                    + "gaps_over_50ms=%d", pulses, maxGapMs, p99GapMs, meanGapMs, over50Ms);
        }
    }

    private long[] times = new long[4096];
    private int count;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (count == times.length) {
                times = Arrays.copyOf(times, times.length * 2);
            }
            // System time rather than the pulse's own timestamp: a stall shows in both, and this one
            // also counts the time the pulse itself took.
            times[count++] = System.nanoTime();
        }
    };

    public void start() {
        count = 0;
        timer.start();
    }

    public Figures stop() {
        timer.stop();
        return figures(Arrays.copyOf(times, count));
    }

    /** The pulse times of the last run (after {@link #stop}). */
    long[] pulseTimes() {
        return Arrays.copyOf(times, count);
    }

    static Figures figures(long[] pulseTimes) {
        if (pulseTimes.length < 2) {
            return new Figures(pulseTimes.length, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] gaps = new double[pulseTimes.length - 1];
        double sum = 0;
        int over = 0;
        for (int i = 1; i < pulseTimes.length; i++) {
            gaps[i - 1] = (pulseTimes[i] - pulseTimes[i - 1]) / 1e6;
            sum += gaps[i - 1];
            if (gaps[i - 1] > 50) {
                over++;
            }
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        int p99 = Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1);
        return new Figures(pulseTimes.length, sorted[sorted.length - 1], sorted[Math.max(0, p99)],
                sum / gaps.length, over);
    }
}
