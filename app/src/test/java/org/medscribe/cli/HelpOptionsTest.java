package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    @org.junit.jupiter.api.Test
    void theListAboveCoversEverySubcommand() {
        java.util.List<String> names = java.util.Arrays.stream(
                        MedScribeCommand.class.getAnnotation(CommandLine.Command.class).subcommands())
                .map(type -> type.getAnnotation(CommandLine.Command.class).name()).toList();
        assertThat(names).containsExactlyInAnyOrder("inspect", "bench", "draft", "suggest",
                "eval", "qc", "backup", "restore", "verify", "bench-store", "import", "export", "self-check");
    }
}
