package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.inference.testing.TestModels;

/**
 * {@code bin/medscribe import} and {@code export} as a user runs them: a separate process on the
 * packaged app (runs in the integration-test phase, after {@code package}). PDF from the pdf.js test
 * suite (../shared/data/pdfs).
 */
class ImportExportCommandIT {

    @TempDir
    Path temp;

    private record Run(int code, String out, String err) {
    }

    private Run medscribe(String... args) throws IOException, InterruptedException {
        Path project = Path.of(System.getProperty("medscribe.project.dir", ".."));
        List<String> command = new java.util.ArrayList<>(List.of(project.resolve("bin/medscribe").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MEDSCRIBE_DATA_DIR", temp.resolve("data").toString());
        builder.redirectOutput(temp.resolve("out.txt").toFile());
        builder.redirectError(temp.resolve("err.txt").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void importAndExportRunAsCommands() throws Exception {
        Run imported = medscribe("import", TestModels.data("pdfs").resolve("cjk-zh-simplified__XiaoBiaoSong.pdf").toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("\"pages\"", "关于红军作战的原则", "\"ocr\" : false", "\"lab_values\"");

        Run refused = medscribe("import", TestModels.data("pdfs").resolve("malformed__bug1020226.pdf").toString());
        assertThat(refused.code()).isEqualTo(2);
        // Progress lines first, then the reason as one last line, no stack trace.
        String reason = refused.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(reason).isEqualTo("medscribe: This PDF is damaged and could not be read.");
        assertThat(refused.err()).doesNotContain("Exception", "\tat ");

        Path project = Path.of(System.getProperty("medscribe.project.dir", ".."));
        Path pdf = temp.resolve("record.pdf");
        Run exported = medscribe("export", "--in", project.resolve("examples/record-soap-en-draft.json").toString(),
                "--format", "pdf", "--out", pdf.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.size(pdf)).isGreaterThan(1000);
    }
}
