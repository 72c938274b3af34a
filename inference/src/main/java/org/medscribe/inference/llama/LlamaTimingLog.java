package org.medscribe.inference.llama;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads llama.cpp's own per-request timings from its log file. llama.cpp prints them to its log
 * (not through the Java logger) as
 * <pre>
 * prompt eval time =     1.26 ms /    54 tokens (    0.02 ms per token, 42993.63 tokens per second)
 *        eval time =    11.46 ms /    20 tokens (    0.57 ms per token,  1745.96 tokens per second)
 *       total time =    12.71 ms /    74 tokens
 * </pre>
 * The engine asks llama.cpp to log into a private file ({@code --log-file}) and reads the block a
 * request produced. At llama.cpp's default verbosity these lines carry counts and timings only,
 * never prompt text.
 */
final class LlamaTimingLog {

    private static final Pattern PROMPT = Pattern.compile(
            "prompt eval time =\\s*([0-9.]+) ms /\\s*(\\d+) tokens .*?([0-9.]+|inf|nan) tokens per second");
    private static final Pattern EVAL = Pattern.compile(
            "(?m)^\\s*eval time =\\s*([0-9.]+) ms /\\s*(\\d+) tokens .*?([0-9.]+|inf|nan) tokens per second");
    private static final Pattern TOTAL = Pattern.compile("total time =\\s*([0-9.]+) ms /\\s*(\\d+) tokens");
    private static final Pattern BUILD = Pattern.compile("build: (\\d+) \\(([0-9a-f]+)\\)");

    /** llama.cpp's report of one request. */
    record Report(double promptMillis, int promptTokens, double promptRate,
                  double evalMillis, int evalTokens, double evalRate) {
    }

    private final Path file;

    LlamaTimingLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Current end of the log; a request's report appears after it. */
    long position() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Waits (briefly: llama.cpp writes its log on its own thread) for the timing block written after
     * {@code from}. Empty when none appears within {@code timeoutMillis}.
     */
    Optional<Report> awaitReport(long from, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            Optional<Report> report = parse(readFrom(from));
            if (report.isPresent() || System.nanoTime() > deadline) {
                return report;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The llama.cpp build the log announces, e.g. {@code b4916 (c6af2161)}. */
    Optional<String> build() {
        Matcher m = BUILD.matcher(readFrom(0));
        return m.find() ? Optional.of("b" + m.group(1) + " (" + m.group(2) + ")") : Optional.empty();
    }

    static Optional<Report> parse(String text) {
        Matcher total = TOTAL.matcher(text);
        if (!total.find()) {
            return Optional.empty();
        }
        String block = text.substring(0, total.end());
        Matcher prompt = PROMPT.matcher(block);
        Matcher eval = EVAL.matcher(block);
        if (!prompt.find() || !eval.find()) {
            return Optional.empty();
        }
        return Optional.of(new Report(
                Double.parseDouble(prompt.group(1)), Integer.parseInt(prompt.group(2)), rate(prompt.group(3)),
                Double.parseDouble(eval.group(1)), Integer.parseInt(eval.group(2)), rate(eval.group(3))));
    }

    private static double rate(String value) {
        return switch (value) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    private String readFrom(long from) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= from) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - from, 1 << 20)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
