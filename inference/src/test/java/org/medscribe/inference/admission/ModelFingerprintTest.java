package org.medscribe.inference.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.CancelledException;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.testing.TestModels;

class ModelFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void hashesTheTestModelToThePublishedChecksum() {
        assumeTinyModel();
        String hash = new ModelFingerprint(dir.resolve("cache")).sha256(TestModels.languageModel());

        // ../shared/models/README.md lists this SHA-256 for tiny-llama-random.gguf.
        assertThat(hash).isEqualTo("81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb");
    }

    @Test
    void matchesAnIndependentDigestAndReportsProgress() throws Exception {
        Path model = randomFile("m.gguf", 3_500_000);
        List<Double> fractions = new ArrayList<>();

        String hash = new ModelFingerprint(dir).sha256(model, (phase, fraction) -> fractions.add(fraction),
                CancellationToken.none());

        assertThat(hash).isEqualTo(sha256(Files.readAllBytes(model)));
        assertThat(fractions).isSorted().startsWith(0.0).endsWith(1.0);
    }

    @Test
    void answersFromTheCacheUntilTheFileChanges() throws Exception {
        Path model = randomFile("m.gguf", 100_000);
        ModelFingerprint fingerprint = new ModelFingerprint(dir.resolve("cache"));
        String first = fingerprint.sha256(model);
        assertThat(Files.readString(dir.resolve("cache").resolve(ModelFingerprint.CACHE_FILE)))
                .contains(model.toAbsolutePath().toString(), first);

        List<Double> progress = new ArrayList<>();
        String cached = new ModelFingerprint(dir.resolve("cache"))
                .sha256(model, (phase, fraction) -> progress.add(fraction), CancellationToken.none());
        assertThat(cached).isEqualTo(first);
        assertThat(progress).as("no hashing for an unchanged file").isEmpty();

        byte[] changed = Files.readAllBytes(model);
        changed[0] ^= 1;
        Files.write(model, changed);
        Files.setLastModifiedTime(model, FileTime.fromMillis(Files.getLastModifiedTime(model).toMillis() + 5000));
        assertThat(fingerprint.sha256(model)).isEqualTo(sha256(changed)).isNotEqualTo(first);
    }

    @Test
    void survivesADamagedCacheFile() throws Exception {
        Path model = randomFile("m.gguf", 1000);
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(dir.resolve("cache").resolve(ModelFingerprint.CACHE_FILE), "{ not json");

        assertThat(new ModelFingerprint(dir.resolve("cache")).sha256(model)).isEqualTo(sha256(Files.readAllBytes(model)));
    }

    @Test
    void stopsWhenCancelled() throws Exception {
        Path model = randomFile("m.gguf", 5_000_000);
        CancellationToken cancel = new CancellationToken();

        assertThatThrownBy(() -> new ModelFingerprint(dir).sha256(model, (phase, fraction) -> {
            if (fraction > 0) {
                cancel.cancel();
            }
        }, cancel)).isInstanceOf(CancelledException.class);
    }

    @Test
    void reportsAMissingFileAsBadInput() {
        assertThatThrownBy(() -> new ModelFingerprint(dir).sha256(dir.resolve("absent.gguf")))
                .isInstanceOfSatisfying(MedScribeException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("model.error.fileMissing"));
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void assumeTinyModel() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestModels.isTinyRandomModel());
    }
}
