package org.medscribe.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Diagnostic for {@code ui-probe --trace-stalls}: samples the FX thread's stack every few
 * milliseconds and, afterwards, tells where the thread was during the long gaps between pulses:
 * idle in the event loop (the gap is CPU starvation or the renderer), waiting for the renderer, in
 * the CSS or layout pass (and which kind of node was laid out), or in MedScribe code. Class and
 * method names only: no text of any kind is captured.
 */
final class StallTracer {

    private record Sample(long nanos, StackTraceElement[] stack) {
    }

    private final Thread fx;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean running;

    StallTracer(Thread fx) {
        this.fx = fx;
    }

    void start() {
        running = true;
        Thread sampler = new Thread(() -> {
            while (running) {
                StackTraceElement[] stack = fx.getStackTrace();
                long now = System.nanoTime();
                synchronized (samples) {
                    samples.add(new Sample(now, stack));
                }
                try {
                    Thread.sleep(2); // the sampling period
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stall-tracer");
        sampler.setDaemon(true);
        sampler.start();
    }

    void stop() {
        running = false;
    }

    /** One line per gap longer than {@code thresholdMs}, then the categories over all those gaps. */
    String report(long[] pulses, double thresholdMs) {
        List<Sample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        StringBuilder out = new StringBuilder();
        Map<String, Integer> total = new HashMap<>();
        int s = 0;
        for (int i = 1; i < pulses.length; i++) {
            double gap = (pulses[i] - pulses[i - 1]) / 1e6;
            if (gap <= thresholdMs) {
                continue;
            }
            while (s < copy.size() && copy.get(s).nanos() < pulses[i - 1]) {
                s++;
            }
            Map<String, Integer> local = new HashMap<>();
            for (int k = s; k < copy.size() && copy.get(k).nanos() < pulses[i]; k++) {
                String category = category(copy.get(k).stack());
                local.merge(category, 1, Integer::sum);
                total.merge(category, 1, Integer::sum);
            }
            out.append(String.format(Locale.ROOT, "gap %.0f ms: %s%n", gap, top(local, 3, ", ")));
        }
        out.append("during all gaps over ").append((int) thresholdMs).append(" ms:\n  ").append(top(total, 25, "\n  "));
        return out.toString();
    }

    private static String top(Map<String, Integer> counts, int limit, String separator) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining(separator));
    }

    /** Where the FX thread was, coarsely. */
    static String category(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "?";
        }
        String top = stack[0].getClassName() + "." + stack[0].getMethodName();
        if (top.contains("_runLoop")) {
            return "idle (event loop)";
        }
        if (top.contains("Unsafe.park")) {
            return "waiting (renderer)";
        }
        String ours = null;
        String owner = null;
        boolean css = false;
        boolean layout = false;
        boolean text = false;
        for (StackTraceElement frame : stack) {
            String className = frame.getClassName();
            String simple = className.substring(className.lastIndexOf('.') + 1);
            if (ours == null && className.startsWith("org.medscribe") && !simple.startsWith("AnimationFrameClock")
                    && !simple.startsWith("ListenerScope") && !simple.startsWith("BackgroundTask")) {
                ours = simple + "." + frame.getMethodName();
            }
            if (owner == null && (simple.endsWith("Skin") || simple.endsWith("SkinBase") || simple.startsWith("TextFlow")
                    || simple.startsWith("Paragraph") || simple.startsWith("VirtualFlow"))) {
                owner = simple + "." + frame.getMethodName();
            }
            css |= frame.getMethodName().equals("doCSSPass") || frame.getMethodName().equals("reapplyCss");
            layout |= frame.getMethodName().equals("doLayoutPass");
            text |= simple.equals("PrismTextLayout");
        }
        List<String> parts = new ArrayList<>();
        if (ours != null) {
            parts.add(ours);
        }
        if (css) {
            parts.add("css");
        }
        if (layout) {
            parts.add("layout");
        }
        if (text) {
            parts.add("text");
        }
        if (owner != null) {
            parts.add("[" + owner + "]");
        }
        return parts.isEmpty() ? "other" : String.join(" ", parts);
    }
}
