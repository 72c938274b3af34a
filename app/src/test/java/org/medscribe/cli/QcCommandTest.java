package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.testing.TestModels;

class QcCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private static Path corpus(String relative) throws URISyntaxException {
        return Path.of(QcCommandTest.class.getResource("/org/medscribe/quality/corpus/" + relative).toURI());
    }

    @Test
    void aCleanRecordPrintsItsScoreAndNoFindings() throws Exception {
        CliHarness.Outcome outcome = CliHarness.run(data, "qc", "--in", corpus("clean/zh-01.json").toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode report = JSON.readTree(outcome.out());
        assertThat(report.get("findings")).isEmpty();
        assertThat(report.get("score").asInt()).isEqualTo(100);
        assertThat(report.get("signing_blocked").asBoolean()).isFalse();
        assertThat(report.get("template").asText()).isEqualTo("outpatient-zh");
        assertThat(report.at("/model_check/status").asText()).isEqualTo("not_run");
    }

    @Test
    void findingsCarryRuleSeveritySectionSpanSourceAndMessagesInBothLanguages() throws Exception {
        Path record = data.resolve("r.json");
        Files.writeString(record, """
                {"template": "outpatient-zh", "sections": [
                  {"id": "chief_complaint", "title": "主诉", "text": "咳嗽"},
                  {"id": "present_illness", "title": "现病史", "text": "3天前受凉后出现咳嗽，无发热，未治疗。"}]}""");

        CliHarness.Outcome english = CliHarness.run(data, Locale.ROOT, "qc", "--in", record.toString());
        assertThat(english.exitCode()).as(english.err()).isZero();
        JsonNode report = JSON.readTree(english.out());
        assertThat(report.get("signing_blocked").asBoolean()).isTrue(); // no allergies, diagnosis, plan
        assertThat(report.get("score").asInt()).isLessThanOrEqualTo(74);
        JsonNode duration = findingOf(report, "cc.no_duration");
        assertThat(duration.get("severity").asText()).isEqualTo("major");
        assertThat(duration.get("section").asText()).isEqualTo("chief_complaint");
        assertThat(duration.get("start").asInt()).isZero();
        assertThat(duration.get("end").asInt()).isEqualTo(2);
        assertThat(duration.get("source").asText()).isEqualTo("rule");
        assertThat(duration.get("message").asText()).isEqualTo(new Messages(Locale.ROOT)
                .get("quality.rule.cc.no_duration"));
        assertThat(duration.get("message_record").asText()).isEqualTo(new Messages(Messages.CHINESE)
                .get("quality.rule.cc.no_duration"));
        assertThat(duration.get("fix").asText()).isNotBlank();
        assertThat(findingOf(report, "allergy.missing").get("severity").asText()).isEqualTo("critical");

        CliHarness.Outcome chinese = CliHarness.run(data, Messages.CHINESE, "qc", "--in", record.toString());
        JsonNode zh = findingOf(JSON.readTree(chinese.out()), "cc.no_duration");
        assertThat(zh.get("message").asText()).isEqualTo(zh.get("message_record").asText()).contains("主诉");
    }

    private static JsonNode findingOf(JsonNode report, String rule) {
        for (JsonNode finding : report.get("findings")) {
            if (finding.get("rule").asText().equals(rule)) {
                return finding;
            }
        }
        throw new AssertionError("no finding of " + rule + " in " + report);
    }

    @Test
    void unreadableOrInvalidInputIsExitTwoWithOneLine() throws Exception {
        Path notJson = data.resolve("x.json");
        Files.writeString(notJson, "this is not json");
        Path noSections = data.resolve("y.json");
        Files.writeString(noSections, "{\"template\": \"soap-en\"}");
        Path unknownTemplate = data.resolve("z.json");
        Files.writeString(unknownTemplate, "{\"template\": \"discharge-zh\", \"sections\": []}");
        Path binarySource = data.resolve("s.bin");
        Files.write(binarySource, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        for (String[] args : new String[][] {
                {"qc", "--in", notJson.toString()},
                {"qc", "--in", noSections.toString()},
                {"qc", "--in", unknownTemplate.toString()},
                {"qc", "--in", data.resolve("missing.json").toString()},
                {"qc", "--in", corpus("clean/en-01.json").toString(), "--sources", binarySource.toString()},
                {"qc", "--in", corpus("clean/en-01.json").toString(), "--model", data.resolve("none.gguf").toString()},
                {"qc", "--batch", data.resolve("nowhere").toString()},
                {"qc"},
                {"qc", "--in", "a.json", "--batch", "b"}}) {
            CliHarness.Outcome outcome = CliHarness.run(data, args);
            assertThat(outcome.exitCode()).as(String.join(" ", args) + ": " + outcome.err()).isEqualTo(2);
            assertThat(outcome.err().strip()).startsWith("medscribe:");
            assertThat(outcome.out()).isEmpty();
        }
    }

    @Test
    void batchOverTheCorpusWritesASummaryWithRecallAndFalsePositives() throws Exception {
        Path out = data.resolve("reports").resolve("summary.json");
        CliHarness.Outcome outcome = CliHarness.run(data, "qc", "--batch", corpus("").toString(), "--out", out.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEmpty();
        JsonNode summary = JSON.readTree(out.toFile());
        assertThat(summary.get("records").asInt()).isEqualTo(summary.get("checked").asInt()).isGreaterThanOrEqualTo(50);
        assertThat(summary.get("per_record")).hasSize(summary.get("checked").asInt());
        assertThat(summary.at("/labelled/recall").asDouble()).isEqualTo(1.0);
        assertThat(summary.at("/labelled/clean_records_with_critical").asInt()).isZero();
        assertThat(summary.at("/by_rule/allergy.missing/severity").asText()).isEqualTo("critical");
        int blocked = 0;
        for (JsonNode record : summary.get("per_record")) {
            blocked += record.get("signing_blocked").asBoolean() ? 1 : 0;
            assertThat(record.get("signing_blocked").asBoolean()).isEqualTo(record.at("/counts/critical").asInt() > 0);
        }
        assertThat(summary.get("signing_blocked").asInt()).isEqualTo(blocked).isPositive();
    }

    @Test
    void aBatchReportsUnreadableRecordsAndGoesOn() throws Exception {
        Path folder = Files.createDirectories(data.resolve("records"));
        Files.copy(corpus("clean/en-02.json"), folder.resolve("good.json"));
        Files.writeString(folder.resolve("broken.json"), "{ nope");
        CliHarness.Outcome outcome = CliHarness.run(data, "qc", "--batch", folder.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode summary = JSON.readTree(outcome.out());
        assertThat(summary.get("checked").asInt()).isEqualTo(1);
        assertThat(summary.get("unreadable").asInt()).isEqualTo(1);
        assertThat(summary.at("/errors/0/file").asText()).isEqualTo("broken.json");
        assertThat(summary.has("labelled")).isTrue();
    }

    @Test
    void listRulesShowsTheClinicSwitches() throws Exception {
        Files.writeString(data.resolve("quality-rules.json"), "{\"rules\": {\"outpatient-zh:cc.too_long\": false}}");
        CliHarness.Outcome outcome = CliHarness.run(data, "qc", "--list-rules");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode packs = JSON.readTree(outcome.out()).get("packs");
        assertThat(packs).hasSize(2);
        for (JsonNode pack : packs) {
            for (JsonNode rule : pack.get("rules")) {
                if (rule.get("id").asText().equals("cc.too_long")) {
                    assertThat(rule.get("enabled").asBoolean()).isEqualTo(pack.get("template").asText().equals("soap-en"));
                }
            }
        }
        Files.writeString(data.resolve("quality-rules.json"), "{\"rules\": {\"no.such.rule\": false}}");
        assertThat(CliHarness.run(data, "qc", "--list-rules").exitCode()).isEqualTo(2);
    }

    @Test
    void theModelReviewRunsOnTheTinyModel() throws Exception {
        Path source = data.resolve("note.txt");
        Files.writeString(source, "Sore throat for 2 days, fever 38.5 yesterday. Takes metformin 500 mg twice daily.");
        CliHarness.Outcome outcome = CliHarness.run(data, "qc", "--in", corpus("clean/en-01.json").toString(),
                "--sources", source.toString(), "--model", TestModels.languageModel().toString(), "--context", "4096");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        JsonNode check = JSON.readTree(outcome.out()).get("model_check");
        assertThat(check.get("status").asText()).isIn("done", "incomplete");
        assertThat(check.get("kept").asInt() + check.get("discarded").properties().stream()
                .mapToInt(e -> e.getValue().asInt()).sum()).isEqualTo(check.get("proposed").asInt());
        for (JsonNode finding : JSON.readTree(outcome.out()).get("findings")) {
            if (finding.get("source").asText().equals("model")) {
                assertThat(finding.get("severity").asText()).isNotEqualTo("critical");
            }
        }
    }

    /**
     * The contract with drafting, for real: a draft made by {@code medscribe draft} (tiny model,
     * gibberish statements) is read and checked as it comes, with its sources.
     */
    @Test
    void aDraftFromTheDraftCommandIsCheckedAsItComes() throws Exception {
        Path project = Path.of(System.getProperty("medscribe.project.dir", "..")).toAbsolutePath().normalize();
        Path example = project.resolve("examples/cough-fever-zh.txt");
        Path draft = data.resolve("draft.json");
        CliHarness.Outcome drafted = CliHarness.run(data, "draft", "--model", TestModels.languageModel().toString(),
                "--template", "outpatient-zh", "--in", example.toString(), "--out", draft.toString());
        assertThat(drafted.exitCode()).as(drafted.err()).isZero();

        CliHarness.Outcome checked = CliHarness.run(data, "qc", "--in", draft.toString(), "--sources", example.toString());
        assertThat(checked.exitCode()).as(checked.err()).isZero();
        JsonNode report = JSON.readTree(checked.out());
        assertThat(report.get("template").asText()).isEqualTo("outpatient-zh");
        assertThat(report.get("language").asText()).isEqualTo("zh");
        var record = new org.medscribe.quality.RecordReader().read(draft);
        assertThat(record.sections()).hasSize(JSON.readTree(draft.toFile()).get("sections").size());
        for (JsonNode finding : report.get("findings")) {
            int length = record.section(finding.get("section").asText()).map(x -> x.text().length()).orElse(0);
            assertThat(finding.get("end").asInt()).isBetween(finding.get("start").asInt(), length);
            assertThat(finding.get("message_record").asText()).isNotBlank();
        }
        // Whatever the tiny model wrote, a statement the draft marked unsupported is a finding.
        long unsupported = 0;
        for (JsonNode section : JSON.readTree(draft.toFile()).get("sections")) {
            for (JsonNode statement : section.path("statements")) {
                unsupported += statement.path("supported").asBoolean(true) ? 0 : 1;
            }
        }
        long reported = 0;
        for (JsonNode finding : report.get("findings")) {
            reported += finding.get("rule").asText().equals("evidence.unsupported") ? 1 : 0;
        }
        assertThat(reported).isGreaterThanOrEqualTo(unsupported);
    }

    /**
     * Through the real {@code bin/medscribe} script, in a copy of the checkout layout it runs from
     * ({@code app/target/medscribe-app.jar} and {@code app/target/lib/}), assembled from this test's
     * class path so that it tests the code being built.
     */
    @Test
    void throughTheLauncherScript() throws Exception {
        Path project = Path.of(System.getProperty("medscribe.project.dir", "..")).toAbsolutePath().normalize();
        Path checkout = data.resolve("checkout");
        Files.createDirectories(checkout.resolve("bin"));
        Path script = Files.copy(project.resolve("bin/medscribe"), checkout.resolve("bin/medscribe"));
        assertThat(script.toFile().setExecutable(true)).isTrue();
        Path lib = Files.createDirectories(checkout.resolve("app/target/lib"));
        List<Path> classes = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && !path.toString().contains("test-classes")) {
                classes.add(path);
            } else if (entry.endsWith(".jar") && !path.getFileName().toString().contains("tests")) {
                Files.createSymbolicLink(lib.resolve(path.getFileName()), path);
            }
        }
        writeJar(classes, checkout.resolve("app/target/medscribe-app.jar"));

        Process process = launch(script, "qc", "--in", corpus("defective/zh-d12.json").toString());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        JsonNode report = JSON.readTree(out);
        assertThat(report.get("signing_blocked").asBoolean()).isTrue();
        assertThat(findingOf(report, "allergy.missing").get("message_record").asText()).contains("过敏史");

        Process bad = launch(script, "qc", "--in", data.resolve("missing.json").toString());
        bad.getInputStream().readAllBytes();
        String badErr = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(badErr.strip()).startsWith("medscribe:").doesNotContain("\n");
    }

    /** Every launch gets the test's data folder: nothing goes into the user's real one. */
    private Process launch(Path script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MEDSCRIBE_DATA_DIR", data.resolve("home").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static void writeJar(List<Path> directories, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path directory : directories) {
                try (Stream<Path> walk = Files.walk(directory)) {
                    for (Path path : walk.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new JarEntry(directory.relativize(path).toString().replace('\\', '/')));
                        Files.copy(path, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
