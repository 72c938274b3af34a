package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.process.ChildJvm;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.AppDirectories;
import org.medscribe.settings.Settings;
import org.medscribe.settings.SettingsStore;

/** The self-check on the real engine worker and the tiny test model (its draft is gibberish; structure counts). */
class SelfCheckCommandTest {

    @TempDir
    Path data;

    @Test
    void passesOnTheTestModelWithTimingsAndTheWorkerOnThisRuntime() throws Exception {
        CliHarness.Outcome outcome = CliHarness.run(data, "self-check", "--model",
                TestModels.languageModel().toString(), "--json");

        assertThat(outcome.exitCode()).as(outcome.err() + outcome.out()).isZero();
        JsonNode report = new ObjectMapper().readTree(outcome.out());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.findValuesAsText("name")).containsExactly("database", "model_load", "worker_runtime",
                "draft", "structure");
        JsonNode timings = report.get("timings");
        assertThat(timings.get("model_load_ms").asDouble()).isPositive();
        assertThat(timings.get("first_token_ms").asDouble()).isPositive();
        assertThat(timings.get("draft_ms").asDouble()).isGreaterThanOrEqualTo(timings.get("first_token_ms").asDouble());
        assertThat(timings.get("generated_tokens").asInt()).isPositive();
        assertThat(timings.get("tokens_per_second").asDouble()).isPositive();
        Path java = ChildJvm.javaExecutable().toRealPath();
        assertThat(report.at("/runtime/worker_java").asText()).isEqualTo(java.toString());
        assertThat(report.at("/runtime/engine_library").asText()).endsWith(System.mapLibraryName("jllama"));
        assertThat(report.at("/runtime/database_library").asText()).endsWith(System.mapLibraryName("sqlitejdbc"));
    }

    @Test
    void textReportIsLocalisedAndNamesEveryCheck() {
        CliHarness.Outcome outcome = CliHarness.run(data, Locale.SIMPLIFIED_CHINESE, "self-check", "--model",
                TestModels.languageModel().toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("数据库引擎", "模型加载", "引擎进程的运行时", "草稿结构", "全部检查通过")
                .doesNotContain("[失败]");
    }

    @Test
    void withoutModelUsesTheOneInTheUsersModelFolder() throws Exception {
        Files.createDirectories(data.resolve("models"));
        Files.createSymbolicLink(data.resolve("models").resolve("only.gguf"), TestModels.languageModel());

        CliHarness.Outcome outcome = CliHarness.run(data, "self-check", "--json");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(new ObjectMapper().readTree(outcome.out()).get("model").asText()).endsWith("only.gguf");
    }

    @Test
    void withoutModelUsesTheOneChosenInTheSettings() throws Exception {
        AppDirectories directories = new AppDirectories(data);
        new SettingsStore(directories.settingsFile()).save(Settings.defaults().withModelPath(TestModels.languageModel()));

        CliHarness.Outcome outcome = CliHarness.run(data, "self-check", "--json");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(new ObjectMapper().readTree(outcome.out()).get("model").asText())
                .isEqualTo(TestModels.languageModel().toString());
    }

    @Test
    void withoutAnyModelIsBadInputNamingTheModelFolder() {
        CliHarness.Outcome outcome = CliHarness.run(data, "self-check");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip()).startsWith("medscribe: No model to check")
                .contains(data.resolve("models").toString()).doesNotContain("\n");
    }

    @Test
    void missingModelFileIsBadInput() {
        CliHarness.Outcome outcome = CliHarness.run(data, "self-check", "--model", data.resolve("none.gguf").toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip()).startsWith("medscribe: File not found");
    }

    @Test
    void aFileThatIsNotAModelFailsWithoutAReport() throws Exception {
        Path notModel = Files.writeString(data.resolve("notes.gguf"), "this is not a GGUF file");

        CliHarness.Outcome outcome = CliHarness.run(data, "self-check", "--model", notModel.toString());

        assertThat(outcome.exitCode()).isIn(1, 2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).contains("medscribe:");
    }
}
