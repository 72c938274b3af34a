package org.medscribe.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.admission.ModelAdmission;
import org.medscribe.inference.admission.ModelRejectedException;
import org.medscribe.inference.admission.SystemMemory;
import org.medscribe.inference.gguf.GgmlType;
import org.medscribe.inference.gguf.GgufBuilder;

/** What a doctor reads when admission refuses a model, in both UI languages. */
class AdmissionMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aModelTooLargeForTheFreeMemoryIsExplainedWithNumbersAndASmallerContext() throws IOException {
        Path model = new GgufBuilder().string("general.architecture", "qwen2")
                .u32("qwen2.embedding_length", 3584).u32("qwen2.block_count", 28)
                .u32("qwen2.attention.head_count", 28).u32("qwen2.attention.head_count_kv", 4)
                .u64("qwen2.vocab_size", 152_064)
                .tensor("weights", GgmlType.Q4_K, 3584, 1_000_000)
                .writeTo(dir.resolve("big.gguf"));
        long free = 3L << 30;

        ModelRejectedException refusal = catchThrowableOfType(ModelRejectedException.class,
                () -> new ModelAdmission(SystemMemory.fixed(free)).admit(model, 16384));

        String english = new Messages(Locale.ROOT).describe(refusal);
        String chinese = new Messages(Messages.CHINESE).describe(refusal);
        int smaller = (int) refusal.arguments()[3];
        assertThat(smaller).isBetween(512, 8192);
        String grouped = String.format(Locale.ROOT, "%,d", smaller);
        assertThat(english).contains("3.0 GB is free").contains("16,384-token context")
                .containsPattern("needs about \\d+\\.\\d GB").contains("would fit with a " + grouped + "-token context");
        assertThat(chinese).contains("3.0 GB 可用").contains(grouped + " 个词元");
    }

    @Test
    void aNewerArchitectureIsNamedWithTheFamiliesThatWork() throws IOException {
        Path model = Files.write(dir.resolve("qwen3.gguf"), GgufBuilder.llamaLike("qwen3").build());

        ModelRejectedException refusal = catchThrowableOfType(ModelRejectedException.class,
                () -> new ModelAdmission(SystemMemory.fixed(64L << 30)).admit(model, 4096));

        assertThat(new Messages(Locale.ROOT).describe(refusal)).contains("'qwen3'").contains("Qwen2.5")
                .contains("Llama 3.x").doesNotContain("{");
        assertThat(new Messages(Messages.CHINESE).describe(refusal)).contains("“qwen3”").contains("Qwen2.5");
    }
}
