package org.medscribe.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medscribe.inference.admission.AdmissionReport;
import org.medscribe.inference.admission.ModelAdmission;
import org.medscribe.inference.admission.SystemMemory;
import org.medscribe.inference.testing.TestModels;

/**
 * Seeded mutation fuzzing of the GGUF reader and the admission checks behind it: bit flips, boundary
 * values written over counts, lengths and type ids, truncation at every structural boundary,
 * duplicated, deleted and swapped regions, splices and random files, over the real test model and
 * small generated models. Whatever the bytes, only {@link GgufFormatException} may escape, nothing
 * may run out of memory and nothing may hang.
 *
 * <p>Deterministic: the same seed gives the same cases. {@code -Dmedscribe.fuzz.cases=N} and
 * {@code -Dmedscribe.fuzz.seed=S} run a longer or different campaign; a failure names the case
 * number to replay.
 */
class GgufFuzzTest {

    private static final long SEED = Long.getLong("medscribe.fuzz.seed", 0x6D65_6473_6372_6962L);
    /** About 10,000 cases take 10–20 s on the 2-core build machine. */
    private static final int CASES = Integer.getInteger("medscribe.fuzz.cases", 10_000);

    private static final long[] INTERESTING_64 = {0, 1, 2, 3, 4, 7, 8, 31, 32, 63, 64, 255, 256, 0xFFFF, 0x1_0000,
            0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2};
    private static final long[] INTERESTING_32 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 30, 31, 34, 36,
            39, 40, 0x7F, 0xFF, 0xFFFF, 0x7FFF_FFFFL, 0xFFFF_FFFFL};
    private static final byte[] INTERESTING_8 = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF, 'G', 'U', 'F'};

    private final ModelAdmission admission = new ModelAdmission(SystemMemory.fixed(16L << 30));
    private int rejected;
    private int accepted;
    private final TreeMap<String, Integer> rejectionKeys = new TreeMap<>();

    @Test
    void onlyTheTypedFormatErrorEverEscapes() throws IOException {
        byte[] realModel = Files.readAllBytes(TestModels.languageModel());
        List<Seed> seeds = List.of(
                new Seed("test model", realModel),
                new Seed("small llama", GgufReaderTest.validModel().build()),
                new Seed("small qwen2", smallQwen().build()),
                new Seed("nested arrays", nestedArrays().build()),
                new Seed("aligned 64", new GgufBuilder().u32("general.alignment", 64).layoutAlignment(64)
                        .string("general.architecture", "llama").tensor("a", GgmlType.Q4_0, 64, 2)
                        .tensor("b", GgmlType.F32, 7).build()));
        Random random = new Random(SEED);
        long started = System.nanoTime();

        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            int caseNumber = 0;
            // Truncation at every structural boundary of every seed (and one byte either side).
            for (Seed seed : seeds) {
                for (int boundary : seed.boundaries()) {
                    for (int delta = -1; delta <= 1; delta++) {
                        int length = boundary + delta;
                        if (length >= 0 && length < seed.bytes().length) {
                            check(++caseNumber, "truncate " + seed.name() + " at " + length,
                                    Arrays.copyOf(seed.bytes(), length));
                        }
                    }
                }
            }
            // Mutations: about half on the real model, half on the small generated ones.
            while (caseNumber < CASES) {
                Seed seed = random.nextBoolean() ? seeds.get(0) : seeds.get(1 + random.nextInt(seeds.size() - 1));
                int operator = random.nextInt(9);
                byte[] mutant = mutate(operator, seed, seeds, random);
                check(++caseNumber, "operator " + operator + " on " + seed.name(), mutant);
            }
        });

        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("GGUF fuzz: %d cases (seed %d) in %.1f s: %d rejected with GgufFormatException, "
                + "%d accepted%n  rejections by key: %s%n", rejected + accepted, SEED, seconds, rejected, accepted,
                rejectionKeys);
        assertThat(rejected + accepted).isGreaterThanOrEqualTo(CASES);
        assertThat(rejected).as("the mutations reach the checks").isPositive();
        assertThat(accepted).as("the mutations also produce readable files").isPositive();
    }

    /** Parses and admits one input; anything but a GgufFormatException fails the test. */
    private void check(int caseNumber, String description, byte[] bytes) {
        try {
            GgufFile file = GgufReader.read(bytes);
            AdmissionReport report = admission.report(file, 4096);
            assertThat(report.estimate().totalBytes()).isPositive();
            accepted++;
        } catch (GgufFormatException expected) {
            rejected++;
            rejectionKeys.merge(expected.messageKey(), 1, Integer::sum);
        } catch (Throwable unexpected) {
            throw new AssertionError("fuzz case " + caseNumber + " (" + description + ", seed " + SEED + ", "
                    + bytes.length + " bytes) escaped with " + unexpected, unexpected);
        }
    }

    private static byte[] mutate(int operator, Seed seed, List<Seed> seeds, Random random) {
        byte[] bytes = seed.bytes().clone();
        int headerEnd = seed.headerEnd();
        switch (operator) {
            case 0 -> { // flip a few bits, mostly in the header
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(10) == 0 ? random.nextInt(bytes.length) : random.nextInt(headerEnd);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> { // overwrite bytes with boundary values
                int count = 1 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    bytes[random.nextInt(headerEnd)] = INTERESTING_8[random.nextInt(INTERESTING_8.length)];
                }
            }
            case 2 -> { // a boundary value over a 64-bit field (counts, lengths, dims, offsets)
                int at = pick(seed.boundaries(), random);
                put(bytes, at, 8, INTERESTING_64[random.nextInt(INTERESTING_64.length)]);
            }
            case 3 -> { // a boundary value over a 32-bit field (type ids, version, dimension counts)
                int at = pick(seed.boundaries(), random);
                put(bytes, at, 4, INTERESTING_32[random.nextInt(INTERESTING_32.length)]);
            }
            case 4 -> { // truncate anywhere in the header or just after it
                return Arrays.copyOf(bytes, random.nextInt(Math.min(bytes.length, headerEnd + 64) + 1));
            }
            case 5 -> { // duplicate a header region at a structural boundary
                int from = pick(seed.boundaries(), random);
                int length = Math.min(1 + random.nextInt(64), headerEnd - Math.min(from, headerEnd));
                int to = pick(seed.boundaries(), random);
                return insert(bytes, Math.min(to, bytes.length), Arrays.copyOfRange(bytes, from, from + length));
            }
            case 6 -> { // delete a region that starts at a boundary
                int from = Math.min(pick(seed.boundaries(), random), bytes.length);
                int length = Math.min(1 + random.nextInt(64), bytes.length - from);
                byte[] out = new byte[bytes.length - length];
                System.arraycopy(bytes, 0, out, 0, from);
                System.arraycopy(bytes, from + length, out, from, bytes.length - from - length);
                return out;
            }
            case 7 -> { // swap two regions at boundaries, or splice another seed's tail onto this header
                if (random.nextBoolean()) {
                    int a = pick(seed.boundaries(), random);
                    int b = pick(seed.boundaries(), random);
                    int length = Math.min(1 + random.nextInt(32), Math.min(bytes.length - a, bytes.length - b));
                    byte[] region = Arrays.copyOfRange(bytes, a, a + length);
                    System.arraycopy(bytes, b, bytes, a, length);
                    System.arraycopy(region, 0, bytes, b, length);
                } else {
                    Seed other = seeds.get(random.nextInt(seeds.size()));
                    int cut = pick(seed.boundaries(), random);
                    int otherCut = pick(other.boundaries(), random);
                    byte[] out = Arrays.copyOf(bytes, cut + other.bytes().length - otherCut);
                    System.arraycopy(other.bytes(), otherCut, out, cut, other.bytes().length - otherCut);
                    return out;
                }
            }
            default -> { // random bytes, half of them behind a valid magic and version
                byte[] out = new byte[random.nextInt(4096)];
                random.nextBytes(out);
                if (out.length >= 8 && random.nextBoolean()) {
                    put(out, 0, 4, 0x4655_4747L);
                    put(out, 4, 4, 2 + random.nextInt(2));
                }
                return out;
            }
        }
        return bytes;
    }

    private static int pick(int[] boundaries, Random random) {
        return boundaries[random.nextInt(boundaries.length)];
    }

    private static void put(byte[] bytes, int at, int width, long value) {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        for (int i = 0; i < width && at + i < bytes.length; i++) {
            bytes[at + i] = buffer.get(i);
        }
    }

    private static byte[] insert(byte[] bytes, int at, byte[] region) {
        byte[] out = new byte[bytes.length + region.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(region, 0, out, at, region.length);
        System.arraycopy(bytes, at, out, at + region.length, bytes.length - at);
        return out;
    }

    private static GgufBuilder smallQwen() {
        return GgufBuilder.llamaLike("qwen2")
                .string("tokenizer.chat_template", "{% for m in messages %}<|im_start|>{{ m.content }}{% endfor %}")
                .stringArray("tokenizer.ggml.tokens", List.of("a", "b", "c", "病"))
                .numberArray("tokenizer.ggml.token_type", GgufValueType.INT32, 1, 1, 1, 1)
                .numberArray("tokenizer.ggml.scores", GgufValueType.FLOAT32, 0, 0, 0, 0)
                .stringArray("tokenizer.ggml.merges", List.of("a b"))
                .tensor("token_embd.weight", GgmlType.Q4_K, 256, 4)
                .tensor("blk.0.attn_q.weight", GgmlType.Q6_K, 256, 256)
                .tensor("output_norm.weight", GgmlType.F32, 256);
    }

    private static GgufBuilder nestedArrays() {
        byte[] nested = GgufReaderTest.concat(GgufBuilder.le(4, GgufValueType.ARRAY.id()), GgufBuilder.le(8, 2),
                GgufBuilder.le(4, GgufValueType.UINT16.id()), GgufBuilder.le(8, 2), GgufBuilder.le(2, 1),
                GgufBuilder.le(2, 2), GgufBuilder.le(4, GgufValueType.STRING.id()), GgufBuilder.le(8, 1),
                GgufBuilder.stringBytes(GgufBuilder.utf8("x")));
        return new GgufBuilder().string("general.architecture", "llama")
                .raw(GgufBuilder.utf8("nested"), GgufValueType.ARRAY.id(), nested)
                .bool("flag", true).f32("f", 0.5f).u64("big", 1L << 40)
                .tensor("w", GgmlType.F16, 8, 8);
    }

    /** A seed file and the offsets where its header fields begin. */
    private record Seed(String name, byte[] bytes, int[] boundaries, int headerEnd) {
        Seed(String name, byte[] bytes) {
            this(name, bytes, boundariesOf(bytes), headerEndOf(bytes));
        }
    }

    private static int headerEndOf(byte[] bytes) {
        int[] boundaries = boundariesOf(bytes);
        return Math.max(1, boundaries[boundaries.length - 1]);
    }

    /**
     * The offsets where the fields of a valid GGUF header start, found by an independent walk of the
     * format (so the fuzzer does not rely on the reader it tests). Long arrays contribute their first
     * and last few elements.
     */
    private static int[] boundariesOf(byte[] bytes) {
        TreeSet<Integer> at = new TreeSet<>();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        at.add(0);
        at.add(4);
        in.position(8);
        at.add(8);
        long tensors = in.getLong();
        at.add(16);
        long keys = in.getLong();
        for (long k = 0; k < keys; k++) {
            at.add(in.position());
            skipString(in);
            at.add(in.position());
            int type = in.getInt();
            at.add(in.position());
            skipValue(in, type, at);
        }
        long dataStart = 0;
        List<long[]> offsets = new ArrayList<>();
        for (long t = 0; t < tensors; t++) {
            at.add(in.position());
            skipString(in);
            at.add(in.position());
            int dims = in.getInt();
            for (int d = 0; d < dims; d++) {
                at.add(in.position());
                in.getLong();
            }
            at.add(in.position());
            in.getInt();
            at.add(in.position());
            offsets.add(new long[] {in.getLong()});
        }
        at.add(in.position());
        dataStart = GgufReader.alignUp(in.position(), 32);
        for (long[] offset : offsets) {
            if (dataStart + offset[0] < bytes.length) {
                at.add((int) (dataStart + offset[0]));
            }
        }
        at.removeIf(offset -> offset >= bytes.length);
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void skipString(ByteBuffer in) {
        long length = in.getLong();
        in.position(in.position() + (int) length);
    }

    private static void skipValue(ByteBuffer in, int type, TreeSet<Integer> at) {
        switch (type) {
            case 0, 1, 7 -> in.get();
            case 2, 3 -> in.getShort();
            case 4, 5, 6 -> in.getInt();
            case 10, 11, 12 -> in.getLong();
            case 8 -> skipString(in);
            case 9 -> {
                int elementType = in.getInt();
                at.add(in.position());
                long count = in.getLong();
                for (long i = 0; i < count; i++) {
                    if (i < 4 || i >= count - 4) {
                        at.add(in.position());
                    }
                    skipValue(in, elementType, at);
                }
            }
            default -> throw new IllegalStateException("seed is not a valid GGUF file: type " + type);
        }
    }
}
