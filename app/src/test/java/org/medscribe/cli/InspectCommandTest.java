package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.app.Main;
import org.medscribe.process.ChildJvm;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.gguf.GgmlType;
import org.medscribe.inference.gguf.GgufBuilder;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.AppDirectories;

class InspectCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void printsTheTestModelAsJson() throws IOException {
        Path model = TestModels.languageModel();

        int code = run(Locale.ROOT, "inspect", model.toString());

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        JsonNode report = json.readTree(out.toString());
        assertThat(report.get("path").asText()).isEqualTo(model.toAbsolutePath().normalize().toString());
        assertThat(report.get("file_bytes").asLong()).isEqualTo(Files.size(model));
        assertThat(report.get("gguf_version").asInt()).isIn(2, 3);
        assertThat(report.get("requested_context").asInt()).isEqualTo(4096);
        assertThat(report.get("supported").asBoolean()).isTrue();
        assertThat(report.get("parameter_count").asLong()).isPositive();
        assertThat(report.get("tensor_count").asInt()).isPositive();
        JsonNode parts = report.get("estimated_ram");
        assertThat(report.get("estimated_ram_bytes").asLong()).isEqualTo(parts.get("weights_bytes").asLong()
                + parts.get("kv_cache_bytes").asLong() + parts.get("compute_bytes").asLong()
                + parts.get("overhead_bytes").asLong());
        assertThat(report.get("available_ram_bytes").asLong()).isPositive();
        assertThat(report.get("fits").asBoolean()).isEqualTo(
                report.get("estimated_ram_bytes").asLong() <= report.get("available_ram_bytes").asLong());
        assertThat(report.get("cpu_supported").asBoolean()).isTrue();
        for (String field : new String[] {"architecture", "name", "quantization", "file_type", "context_length",
                "embedding_length", "block_count", "head_count", "head_count_kv", "vocab_size", "tokenizer_model",
                "chat_template_present", "chat_template", "suggested_context"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
        if (TestModels.isTinyRandomModel()) {
            assertThat(report.get("architecture").asText()).isEqualTo("llama");
            JsonNode embedding = tensor(report, "token_embd.weight");
            assertThat(embedding.get("dimensions").get(1).asLong()).isEqualTo(32_000);
            assertThat(embedding.get("type").asText()).isIn("F16", "F32");
            assertThat(report.get("vocab_size").asLong()).isEqualTo(32_000);
            assertThat(report.get("quantization").asText()).isEqualTo("F16");
            assertThat(report.get("chat_template_present").asBoolean()).isFalse();
        }
    }

    @Test
    void printsTheTensorTableOfTheTestModel() throws IOException {
        Path model = TestModels.languageModel();

        run(Locale.ROOT, "inspect", model.toString());

        JsonNode report = json.readTree(out.toString());
        JsonNode tensors = report.get("tensors");
        assertThat(tensors.isArray()).isTrue();
        assertThat(tensors.size()).isEqualTo(report.get("tensor_count").asInt()).isPositive();
        long dataOffset = report.get("tensor_data_offset").asLong();
        long bytes = 0;
        long elements = 0;
        for (JsonNode tensor : tensors) {
            assertThat(tensor.get("name").asText()).isNotEmpty();
            assertThat(GgmlType.valueOf(tensor.get("type").asText())).isNotNull();
            long product = 1;
            for (JsonNode dimension : tensor.get("dimensions")) {
                product *= dimension.asLong();
            }
            assertThat(tensor.get("dimensions").size()).isBetween(1, 4);
            assertThat(tensor.get("elements").asLong()).isEqualTo(product);
            assertThat(dataOffset + tensor.get("offset").asLong() + tensor.get("bytes").asLong())
                    .isLessThanOrEqualTo(report.get("file_bytes").asLong());
            bytes += tensor.get("bytes").asLong();
            elements += product;
        }
        assertThat(bytes).isEqualTo(report.get("tensor_data_bytes").asLong());
        assertThat(elements).isEqualTo(report.get("parameter_count").asLong());
    }

    @Test
    void estimatesForTheRequestedContext() throws IOException {
        run(Locale.ROOT, "inspect", TestModels.languageModel().toString(), "--context", "1024");
        JsonNode small = json.readTree(out.toString());
        out.getBuffer().setLength(0);
        run(Locale.ROOT, "inspect", TestModels.languageModel().toString(), "--context", "8192");
        JsonNode large = json.readTree(out.toString());

        assertThat(small.get("requested_context").asInt()).isEqualTo(1024);
        assertThat(large.get("estimated_ram").get("kv_cache_bytes").asLong())
                .isEqualTo(8 * small.get("estimated_ram").get("kv_cache_bytes").asLong());
    }

    @Test
    void reportsAnUnsupportedArchitectureWithExitZero() throws IOException {
        String template = "{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}";
        Path qwen3 = Files.write(dir.resolve("qwen3.gguf"), GgufBuilder.llamaLike("qwen3")
                .string("tokenizer.chat_template", template).tensor("token_embd.weight", GgmlType.Q8_0, 64, 8).build());

        int code = run(Locale.ROOT, "inspect", qwen3.toString());

        assertThat(code).isZero();
        JsonNode report = json.readTree(out.toString());
        assertThat(report.get("architecture").asText()).isEqualTo("qwen3");
        assertThat(report.get("supported").asBoolean()).isFalse();
        assertThat(report.get("chat_template_present").asBoolean()).isTrue();
        assertThat(report.get("chat_template").asText()).isEqualTo(template);
        assertThat(report.get("quantization").asText()).isEqualTo("F16");
        JsonNode embedding = tensor(report, "token_embd.weight");
        assertThat(embedding.get("type").asText()).isEqualTo("Q8_0");
        assertThat(embedding.get("dimensions")).extracting(JsonNode::asLong).containsExactly(64L, 8L);
        assertThat(embedding.get("elements").asLong()).isEqualTo(512);
        assertThat(embedding.get("bytes").asLong()).isEqualTo(512 / 32 * 34);
        assertThat(embedding.get("offset").asLong()).isNotNegative();
    }

    private static JsonNode tensor(JsonNode report, String name) {
        for (JsonNode tensor : report.get("tensors")) {
            if (tensor.get("name").asText().equals(name)) {
                return tensor;
            }
        }
        throw new AssertionError("no tensor " + name + " in " + report.get("tensors"));
    }

    @Test
    void exitsTwoWithOneLocalisedLineForMissingCorruptAndForeignFiles() throws IOException {
        assertBadInput(Locale.ROOT, dir.resolve("absent.gguf").toString(), "does not exist");
        assertBadInput(Messages.CHINESE, dir.resolve("absent.gguf").toString(), "不存在");
        assertBadInput(Locale.ROOT, Files.write(dir.resolve("empty-key.gguf"), emptyKeyFile()).toString(),
                "empty name");
        assertBadInput(Messages.CHINESE, Files.write(dir.resolve("empty-key.gguf"), emptyKeyFile()).toString(),
                "名称为空");
        assertBadInput(Locale.ROOT, Files.writeString(dir.resolve("notes.txt"), "主诉：咳嗽三天").toString(),
                "not a GGUF model file");
        byte[] model = Files.readAllBytes(TestModels.languageModel());
        Path truncated = Files.write(dir.resolve("truncated.gguf"), java.util.Arrays.copyOf(model, model.length / 2));
        assertBadInput(Locale.ROOT, truncated.toString(), "beyond the end");
        assertBadInput(Locale.ROOT, dir.toString(), "is not a file");
    }

    @Test
    void refusesAContextOutOfRange() {
        int code = run(Locale.ROOT, "inspect", TestModels.languageModel().toString(), "--context", "16");

        assertThat(code).isEqualTo(MedScribeCommand.BAD_INPUT);
        assertThat(err.toString()).contains("16").contains("256");
    }

    @Test
    void runsAsItsOwnProcessThroughTheMainClass() throws Exception {
        Path corrupt = Files.write(dir.resolve("empty-key.gguf"), emptyKeyFile());

        Result ok = runProcess("inspect", TestModels.languageModel().toString(), "--context", "2048");
        Result bad = runProcess("inspect", corrupt.toString());

        assertThat(ok.code()).as(ok.stderr()).isZero();
        assertThat(json.readTree(ok.stdout()).get("requested_context").asInt()).isEqualTo(2048);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.stdout()).isEmpty();
        assertThat(bad.stderr().strip().lines()).hasSize(1).first().asString().startsWith("medscribe: ");
    }

    /** The 40-byte file that aborts llama.cpp build 4916: one metadata entry with an empty key. */
    private static byte[] emptyKeyFile() {
        return ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(1).putLong(0)
                .putInt(4).putInt(7).array();
    }

    private void assertBadInput(Locale locale, String path, String reason) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        int code = run(locale, "inspect", path);

        assertThat(code).isEqualTo(MedScribeCommand.BAD_INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("medscribe: ").contains(reason);
    }

    private int run(Locale locale, String... args) {
        CliContext context = new CliContext(new AppDirectories(dir.resolve("data")), new Messages(locale),
                new PrintWriter(out), new PrintWriter(err));
        return MedScribeCommand.run(context, args);
    }

    private record Result(int code, String stdout, String stderr) {
    }

    private Result runProcess(String... args) throws Exception {
        ChildJvm jvm = ChildJvm.of(Main.class).systemProperty("medscribe.data.dir", dir.resolve("data").toString())
                .systemProperty("user.language", "en");
        for (String arg : args) {
            jvm.argument(arg);
        }
        Process process = jvm.start();
        process.getOutputStream().close();
        var stdout = process.getInputStream().readAllBytes();
        var stderr = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8));
    }
}
