package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.record.RecordJson;
import org.medscribe.inference.testing.TestModels;

/** {@code bin/medscribe draft} as a separate process, the way a user runs it (after packaging). */
class DraftLauncherIT {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run medscribe(String... args) throws IOException, InterruptedException {
        Path project = Path.of(System.getProperty("medscribe.project.dir", "..")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(project.resolve("bin/medscribe").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("MEDSCRIBE_DATA_DIR", dir.resolve("data").toString());
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void draftsAChineseExampleAndRefusesAMissingFile() throws Exception {
        String model = TestModels.languageModel().toString();
        Run ok = medscribe("draft", "--model", model, "--template", "outpatient-zh", "--in", "examples/cough-fever-zh.txt");
        assertThat(ok.exit()).as(ok.err()).isZero();
        JsonNode record = RecordJson.mapper().readTree(ok.out());
        assertThat(record.path("language").asText()).isEqualTo("zh");
        assertThat(record.path("sections")).hasSize(10);
        assertThat(record.at("/sections/0/title").asText()).isEqualTo("主诉");
        assertThat(record.at("/provenance/sources/0/kind").asText()).isEqualTo("transcript");

        Run missing = medscribe("draft", "--model", model, "--template", "soap-en", "--in", "examples/nope.txt");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("medscribe: ").contains("nope.txt");
        assertThat(missing.out()).isEmpty();
    }
}
