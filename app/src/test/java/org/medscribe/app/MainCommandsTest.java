package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.cli.CliHarness;

/** The launcher's command line: the desktop's own subcommands are listed and run like the others. */
class MainCommandsTest {

    @TempDir
    Path data;

    @Test
    void helpListsUiProbe() {
        CliHarness.Outcome outcome = CliHarness.run(data, Locale.ROOT, Main.commands(), "--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("ui-probe").contains("Measure UI responsiveness").contains("inspect");
    }

    @Test
    void uiProbeAnswersHelpAndVersion() {
        CliHarness.Outcome help = CliHarness.run(data, Locale.ROOT, Main.commands(), "ui-probe", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: medscribe ui-probe").contains("--model");
        CliHarness.Outcome version = CliHarness.run(data, Locale.ROOT, Main.commands(), "ui-probe", "-V");
        assertThat(version.out()).startsWith("MedScribe ");
    }

    @Test
    void uiProbeWithoutAModelIsBadInputOnOneLine() {
        CliHarness.Outcome outcome = CliHarness.run(data, Locale.ROOT, Main.commands(), "ui-probe");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip().lines()).hasSize(1);
        assertThat(outcome.err()).startsWith("medscribe: ").contains("--model").contains("medscribe ui-probe --help");
    }

    @Test
    void uiProbeRefusesAMissingModelBeforeOpeningAWindow() {
        CliHarness.Outcome outcome = CliHarness.run(data, Locale.ROOT, Main.commands(), "ui-probe", "--model",
                data.resolve("missing.gguf").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("medscribe: ").contains("missing.gguf");
    }
}
