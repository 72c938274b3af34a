package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medscribe.inference.testing.TestModels;
import picocli.CommandLine;

/** Every subcommand answers --help with its usage and exit 0, before checking its required options. */
class HelpOptionsTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "bench", "draft", "suggest", "eval", "qc", "backup", "restore", "verify",
            "bench-store", "import", "export", "self-check"})
    void helpPrintsUsageAndSucceeds(String subcommand) {
        CliHarness.Outcome outcome = CliHarness.run(data, subcommand, "--help");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("Usage:").contains(subcommand);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "bench", "draft", "suggest", "eval", "qc", "import", "export"})
    void aMissingRequiredOptionIsBadInput(String subcommand) {
        CliHarness.Outcome outcome = CliHarness.run(data, subcommand);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "inspect", "bench", "draft", "suggest", "eval", "qc", "backup", "restore", "verify",
            "bench-store", "import", "export", "self-check"})
    void versionNamesTheAppOnOneFinishedLine(String subcommand) {
        CliHarness.Outcome outcome = subcommand.isEmpty() ? CliHarness.run(data, "-V")
                : CliHarness.run(data, subcommand, "-V");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith("MedScribe ").endsWith(System.lineSeparator());
        assertThat(outcome.out().strip().lines()).hasSize(1);
    }

    @Test
    void anUnknownCommandPointsToHelp() {
        CliHarness.Outcome outcome = CliHarness.run(data, "frobnicate");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).startsWith("medscribe: ").contains("frobnicate").contains("medscribe --help");
    }

    @Test
    void aMisspelledCommandNamesTheClosestOnes() {
        CliHarness.Outcome outcome = CliHarness.run(data, "drat");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).contains("Did you mean: draft").contains("medscribe --help");
        assertThat(CliHarness.run(data, Locale.SIMPLIFIED_CHINESE, "drat").err())
                .contains("是否想输入：draft").contains("medscribe --help");
    }

    @Test
    void aBadOptionPointsToTheCommandsOwnHelp() {
        CliHarness.Outcome outcome = CliHarness.run(data, "inspect", "--no-such-option", "m.gguf");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).contains("--no-such-option").contains("medscribe inspect --help");
    }

    @Test
    void inspectOutputEndsWithANewline() {
        CliHarness.Outcome outcome = CliHarness.run(data, "inspect", TestModels.languageModel().toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).startsWith("{").endsWith("}" + System.lineSeparator());
    }

    @Test
    void theListAboveCoversEverySubcommand() {
        java.util.List<String> names = java.util.Arrays.stream(
                        MedScribeCommand.class.getAnnotation(CommandLine.Command.class).subcommands())
                .map(type -> type.getAnnotation(CommandLine.Command.class).name()).toList();
        assertThat(names).containsExactlyInAnyOrder("inspect", "bench", "draft", "suggest",
                "eval", "qc", "backup", "restore", "verify", "bench-store", "import", "export", "self-check");
    }
}
