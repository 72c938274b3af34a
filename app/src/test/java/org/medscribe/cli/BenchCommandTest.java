package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.inference.testing.TestModels;

class BenchCommandTest {

    @TempDir
    Path data;

    @Test
    void printsJavaAndLlamaFiguresForBothPaths() throws Exception {
        CliHarness.Outcome outcome = CliHarness.run(data, "bench", "--model", TestModels.languageModel().toString(),
                "--prompt-tokens", "256", "--gen-tokens", "32", "--runs", "1");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(outcome.out());
        for (String path : new String[] {"in_process", "worker"}) {
            JsonNode figures = report.get(path);
            assertThat(figures.get("generated_tokens").asInt()).isEqualTo(32);
            assertThat(figures.get("prompt_tokens").asInt()).isBetween(200, 256);
            assertThat(figures.get("java_generation_rate").asDouble()).isPositive();
            assertThat(figures.get("llama_generation_rate").asDouble()).isPositive();
            assertThat(figures.get("generation_rate_ratio").asDouble()).isPositive();
            assertThat(figures.get("warm_prompt_tokens_evaluated").asInt())
                    .isLessThan(figures.get("prompt_tokens").asInt() / 4);
        }
        assertThat(report.at("/worker_vs_in_process/java_generation_rate_ratio").asDouble()).isPositive();
    }

    @Test
    void missingModelIsBadInputWithOneLineReason() {
        CliHarness.Outcome outcome = CliHarness.run(data, "bench", "--model", data.resolve("none.gguf").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip()).startsWith("medscribe: File not found").doesNotContain("\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliHarness.Outcome outcome = CliHarness.run(data, "bench", "--modle", "x");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("medscribe:");
    }
}
