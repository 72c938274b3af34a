package org.medscribe.inference.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaTimingLogTest {

    // As llama.cpp b4916's server prints it (slot print_timing).
    private static final String BLOCK = """
            slot print_timing: id  0 | task 21 |\s
            prompt eval time =       4.47 ms /     1 tokens (    4.47 ms per token,   223.91 tokens per second)
                   eval time =      78.48 ms /    26 tokens (    3.02 ms per token,   331.28 tokens per second)
                  total time =      82.95 ms /    27 tokens
            srv  update_slots: all slots are idle
            """;

    @Test
    void parsesPromptAndGenerationFigures() {
        LlamaTimingLog.Report report = LlamaTimingLog.parse(BLOCK).orElseThrow();
        assertThat(report.promptMillis()).isEqualTo(4.47);
        assertThat(report.promptTokens()).isEqualTo(1);
        assertThat(report.promptRate()).isEqualTo(223.91);
        assertThat(report.evalMillis()).isEqualTo(78.48);
        assertThat(report.evalTokens()).isEqualTo(26);
        assertThat(report.evalRate()).isEqualTo(331.28);
    }

    @Test
    void incompleteBlockIsNotAReport() {
        assertThat(LlamaTimingLog.parse(BLOCK.substring(0, BLOCK.indexOf("total")))).isEmpty();
        assertThat(LlamaTimingLog.parse("")).isEmpty();
    }

    @Test
    void readsOnlyWhatARequestAppended(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("llama.log");
        Files.writeString(file, "build: 4916 (c6af2161) with gcc\n" + BLOCK);
        LlamaTimingLog log = new LlamaTimingLog(file);
        long before = log.position();
        assertThat(log.awaitReport(before, 20)).isEmpty();
        Files.writeString(file, Files.readString(file) + BLOCK.replace("26 tokens", "99 tokens"));
        assertThat(log.awaitReport(before, 20)).hasValueSatisfying(r -> assertThat(r.evalTokens()).isEqualTo(99));
        assertThat(log.build()).contains("b4916 (c6af2161)");
    }
}
