package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.record.RecordJson;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.AppDirectories;

/**
 * The draft, suggest and eval commands through {@link MedScribeCommand#run}: bad input exits 2 with
 * the reason before any model is loaded; with the tiny model (supervised worker) they print JSON.
 * Data: ACI-BENCH validation dialogues (Yim et al. 2023, CC BY 4.0) for eval.
 */
class DraftCommandsTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;
    private CliContext context;
    private Path note;
    private final String model = TestModels.languageModel().toString();

    @BeforeEach
    void setUp() throws Exception {
        out = new StringWriter();
        err = new StringWriter();
        context = new CliContext(new AppDirectories(dir.resolve("data")), new Messages(Locale.ROOT),
                new PrintWriter(out, true), new PrintWriter(err, true));
        note = dir.resolve("note.txt");
        Files.writeString(note, "58 year old man with left knee pain for three weeks after a fall. "
                + "Takes ibuprofen 400 mg twice a day. Denies fever. Exam: swelling of the left knee.", StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return MedScribeCommand.run(context, args);
    }

    @Test
    void badInputExitsTwoWithTheReason() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "  \n");
        Path binary = Files.write(dir.resolve("scan.pdf"), new byte[] {'%', 'P', 'D', 'F', 0, 1, 2, (byte) 0xff, 0});
        Path answers = Files.writeString(dir.resolve("answers.json"), "[\"not an object\"]");

        assertThat(run("draft", "--model", model, "--template", "soap-en", "--in", dir.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("File not found").contains("missing.txt");
        assertThat(run("draft", "--model", model, "--template", "soap-en", "--in", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("The note is empty");
        assertThat(run("draft", "--model", model, "--template", "soap-en", "--in", binary.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a text file");
        assertThat(run("draft", "--model", model, "--template", "discharge", "--in", note.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown record template \"discharge\"");
        assertThat(run("draft", "--model", dir.resolve("none.gguf").toString(), "--template", "soap-en", "--in", note.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Model file not found");
        assertThat(run("suggest", "--model", model, "--in", note.toString(), "--answers", answers.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a JSON object of question");
        assertThat(run("eval", "--model", model, "--template", "soap-en", "--in", dir.resolve("none.jsonl").toString(),
                "--field", "dialogue", "--out", dir.resolve("eval").toString())).isEqualTo(2);
        assertThat(run("draft", "--template", "soap-en")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void draftAndSuggestPrintJsonWithTheTinyModel() throws Exception {
        assertThat(run("draft", "--model", model, "--template", "outpatient-zh", "--in", note.toString(), "--seed", "3"))
                .as(err.toString()).isZero();
        JsonNode record = RecordJson.mapper().readTree(out.toString());
        assertThat(record.path("template").asText()).isEqualTo("outpatient-zh");
        assertThat(record.path("language").asText()).isEqualTo("zh");
        assertThat(record.path("sections")).hasSize(10);
        assertThat(record.at("/provenance/seed").asInt()).isEqualTo(3);
        assertThat(record.at("/provenance/model_sha256").asText()).hasSize(64);
        assertThat(record.has("flags")).isTrue();
        assertThat(record.at("/timings/total_millis").asDouble()).isPositive();
        assertThat(err.toString()).contains("Draft ready");

        out.getBuffer().setLength(0);
        Path answers = Files.writeString(dir.resolve("answers.json"), "{\"Any fever at night?\": \"No.\"}");
        assertThat(run("suggest", "--model", model, "--in", note.toString(), "--answers", answers.toString()))
                .as(err.toString()).isZero();
        JsonNode suggestions = RecordJson.mapper().readTree(out.toString());
        assertThat(suggestions.path("answers").path("Any fever at night?").asText()).isEqualTo("No.");
        assertThat(suggestions.path("differential").isArray()).isTrue();
        assertThat(suggestions.at("/provenance/code_table").asText()).contains("ICD-10-CM");
        for (JsonNode dx : suggestions.path("differential")) {
            // Whatever the random model proposed, a code that survived is well formed and in a known category.
            if (dx.hasNonNull("icd10")) {
                assertThat(dx.path("icd10").asText()).matches("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
            }
        }
    }

    @Test
    void evalWritesOneFilePerCaseAndASummary() throws Exception {
        Path cases = dir.resolve("cases.jsonl");
        var lines = Files.readAllLines(TestModels.data("aci-bench/valid-20.jsonl"), StandardCharsets.UTF_8);
        Files.writeString(cases, lines.get(1) + "\n{\"dialogue\": \"\"}\nnot json\n", StandardCharsets.UTF_8);
        Path outDir = dir.resolve("eval");
        assertThat(run("eval", "--model", model, "--template", "soap-en", "--in", cases.toString(), "--field", "dialogue",
                "--reference-field", "note", "--out", outDir.toString())).as(err.toString()).isZero();
        JsonNode summary = RecordJson.mapper().readTree(outDir.resolve("summary.json").toFile());
        assertThat(summary.path("cases").asInt()).isEqualTo(3);
        assertThat(summary.path("failures").asInt()).isEqualTo(2);
        for (String field : new String[] {"schema_valid_rate", "supported_statement_rate", "not_documented_rate",
                "flags_per_case", "latency_ms_p50", "latency_ms_p95", "tokens_per_second", "rouge_l"}) {
            assertThat(summary.has(field)).as(field).isTrue();
        }
        assertThat(summary.path("latency_ms_p50").asDouble()).isPositive();
        assertThat(Files.exists(outDir.resolve("case-0001.json"))).isTrue();
        JsonNode first = RecordJson.mapper().readTree(outDir.resolve("case-0001.json").toFile());
        assertThat(first.path("record").path("sections")).hasSize(11);
        assertThat(first.path("rouge_l").asDouble()).isBetween(0.0, 1.0);
        assertThat(RecordJson.mapper().readTree(outDir.resolve("case-0002.json").toFile()).path("error").asText())
                .isEqualTo("draft.error.empty");
        assertThat(RecordJson.mapper().readTree(outDir.resolve("case-0003.json").toFile()).path("error").asText())
                .isEqualTo("draft.error.badJsonl");
        assertThat(RecordJson.mapper().readTree(out.toString()).path("cases").asInt()).isEqualTo(3);
    }
}
