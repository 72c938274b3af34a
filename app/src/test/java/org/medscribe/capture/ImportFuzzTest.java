package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.capture.pdf.PdfLimits;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.testing.TestModels;

/**
 * A seeded mutation fuzzer over the shared PDFs (pdf.js and PDFBox test files, ../shared/data/pdfs).
 * Many cases go straight into the in-process reading core (fast; an untyped exception there is a
 * bug), a few through the real importer's child JVM (where only a result or a typed reason may come
 * back). Counts: {@code -Dmedscribe.fuzz.cases} (default 300) and {@code -Dmedscribe.fuzz.childCases}
 * (default 12); the seed is fixed so a failure reproduces.
 */
class ImportFuzzTest {

    private static final long SEED = 20251128L;
    private static final int CASES = Integer.getInteger("medscribe.fuzz.cases", 300);
    private static final int CHILD_CASES = Integer.getInteger("medscribe.fuzz.childCases", 12);

    @TempDir
    Path temp;

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestModels.data("pdfs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pdf")).sorted().toList()) {
                // Small files keep each case fast; the large ones add nothing structural.
                if (Files.size(file) < 200_000) {
                    seeds.add(Files.readAllBytes(file));
                }
            }
        }
        assertThat(seeds).hasSizeGreaterThan(15);
        return seeds;
    }

    @Test
    void theReadingCoreOnlyEverThrowsTypedReasons() throws Exception {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        PdfLimits d = PdfLimits.defaults();
        ImportLimits limits = ImportLimits.defaults().withPdf(new PdfLimits(20, d.maxCharacters(), 500_000, 100_000,
                2_000_000, 16L * 1024 * 1024, 20_000_000));
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> untyped = new ArrayList<>();
        int hangs = 0;
        long start = System.nanoTime();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-case");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < CASES; i++) {
                byte[] mutated = mutate(seeds.get(random.nextInt(seeds.size())), random);
                Path file = temp.resolve("case-" + i + ".pdf");
                Files.write(file, mutated);
                Path scratch = Files.createDirectories(temp.resolve("scratch-" + i));
                Future<String> outcome = executor.submit(() -> {
                    try {
                        new ImportJob(limits, scratch, Optional.empty(), ProgressListener.NONE, CancellationToken.none())
                                .run(file, null, new ImportOptions(null, false, null));
                        return "result";
                    } catch (MedScribeException typed) {
                        return typed.messageKey();
                    }
                });
                try {
                    outcomes.merge(outcome.get(30, TimeUnit.SECONDS), 1, Integer::sum);
                } catch (TimeoutException hang) {
                    // In the app the child JVM is killed at the stall limit; here the case is abandoned.
                    hangs++;
                    outcome.cancel(true);
                    executor.shutdownNow();
                    executor = Executors.newSingleThreadExecutor(r -> {
                        Thread thread = new Thread(r, "fuzz-case");
                        thread.setDaemon(true);
                        return thread;
                    });
                } catch (java.util.concurrent.ExecutionException escaped) {
                    Throwable cause = escaped.getCause();
                    if (cause instanceof VirtualMachineError resource) {
                        // Stack overflow / out of memory: the child reports these as a reason.
                        outcomes.merge("(in-process " + resource.getClass().getSimpleName() + ")", 1, Integer::sum);
                    } else {
                        untyped.add("case " + i + ": " + cause);
                    }
                }
                Files.deleteIfExists(file);
            }
        } finally {
            executor.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%nFuzz (in-process core): %d cases from %d seeds, seed %d, %.1f s; hangs %d; outcomes %s%n",
                CASES, seeds.size(), SEED, took.toMillis() / 1000.0, hangs, outcomes);
        assertThat(untyped).as("untyped exceptions escaping the reading core").isEmpty();
        assertThat(outcomes.getOrDefault("result", 0)).as("some mutants still read").isGreaterThan(0);
    }

    @Test
    void theImporterAnswersEveryMutantWithAResultOrAReason() throws Exception {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED + 1);
        DocumentImporter importer = new DocumentImporter(temp.resolve("work"),
                ImportLimits.defaults().withStallLimit(Duration.ofSeconds(20)));
        Map<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < CHILD_CASES; i++) {
            Path file = temp.resolve("child-" + i + ".pdf");
            Files.write(file, mutate(seeds.get(random.nextInt(seeds.size())), random));
            try {
                importer.importFile(file, new ImportOptions(null, false, null), ProgressListener.NONE, CancellationToken.none());
                outcomes.merge("result", 1, Integer::sum);
            } catch (MedScribeException typed) {
                assertThat(typed.category()).as(typed.messageKey()).isEqualTo(MedScribeException.Category.BAD_INPUT);
                outcomes.merge(typed.messageKey(), 1, Integer::sum);
            }
        }
        System.out.printf("%nFuzz (child JVM importer): %d cases, %.1f s; outcomes %s%n", CHILD_CASES,
                (System.nanoTime() - start) / 1e9, outcomes);
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CHILD_CASES);
    }

    /** One of seven structure-aware or blind mutations, chosen by {@code random}. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] data = seed.clone();
        int length = data.length;
        switch (random.nextInt(7)) {
            case 0 -> {
                for (int k = 1 + random.nextInt(20); k > 0; k--) {
                    data[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                }
                return data;
            }
            case 1 -> {
                int at = random.nextInt(length);
                int n = Math.min(length - at, 1 + random.nextInt(256));
                for (int j = 0; j < n; j++) {
                    data[at + j] = (byte) random.nextInt(256);
                }
                return data;
            }
            case 2 -> {
                int at = random.nextInt(length);
                int n = Math.min(length - at, 1 + random.nextInt(2048));
                return concat(slice(data, 0, at), slice(data, at + n, length));
            }
            case 3 -> {
                int at = random.nextInt(length);
                int n = Math.min(length - at, 1 + random.nextInt(4096));
                byte[] chunk = slice(data, at, at + n);
                return concat(concat(slice(data, 0, at + n), chunk), slice(data, at + n, length));
            }
            case 4 -> {
                return slice(data, 0, 1 + random.nextInt(length));
            }
            case 5 -> {
                String text = new String(data, StandardCharsets.ISO_8859_1);
                var digits = java.util.regex.Pattern.compile("\\d+").matcher(text);
                List<int[]> spans = new ArrayList<>();
                while (digits.find() && spans.size() < 10_000) {
                    spans.add(new int[] {digits.start(), digits.end()});
                }
                if (spans.isEmpty()) {
                    return data;
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                String[] numbers = {"0", "-1", "2147483648", "99999999999999999999", "4294967295", "1e308", "65535"};
                String replaced = text.substring(0, span[0]) + numbers[random.nextInt(numbers.length)] + text.substring(span[1]);
                return replaced.getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                String[] tokens = {"<<", ">>", "[", "]", " obj ", " endobj ", "stream\n", "endstream", " 0 R ", "(", ")",
                        "/Kids [1 0 R]", "/Length 999999999", "/Filter /FlateDecode", "q ", "BT ", "ET "};
                String token = tokens[random.nextInt(tokens.length)].repeat(1 + random.nextInt(50));
                int at = random.nextInt(length);
                return concat(concat(slice(data, 0, at), token.getBytes(StandardCharsets.ISO_8859_1)), slice(data, at, length));
            }
        }
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
