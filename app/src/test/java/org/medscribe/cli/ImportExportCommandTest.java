package org.medscribe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.AppDirectories;

/**
 * {@code medscribe import} and {@code medscribe export} through {@link MedScribeCommand#run}, with a
 * temporary data directory. PDFs: ../shared/data/pdfs (pdf.js and PDFBox test suites, Apache-2.0
 * repositories); records: examples/ (the project's own).
 */
class ImportExportCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Locale locale, String... args) {
        CliContext context = new CliContext(new AppDirectories(temp.resolve("data")), new Messages(locale),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return MedScribeCommand.run(context, args);
    }

    private static Path pdf(String name) {
        return TestModels.data("pdfs").resolve(name);
    }

    private static Path example(String name) {
        return Path.of(System.getProperty("medscribe.project.dir", "..")).resolve("examples").resolve(name);
    }

    @Test
    void importPrintsPagesWarningsAndLabValuesAsJson() throws Exception {
        int code = run(Locale.ROOT, "import", pdf("cjk-ja__mixedfonts.pdf").toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("pages").get(0).path("number").asInt()).isEqualTo(1);
        assertThat(json.path("pages").get(0).path("text").asText()).contains("Font Types");
        assertThat(json.path("pages").get(0).path("ocr").asBoolean()).isFalse();
        assertThat(json.path("page_count").asInt()).isEqualTo(1);
        assertThat(json.path("sha256").asText()).hasSize(64);
        assertThat(json.has("lab_values")).isTrue();
        // TCPDF's invisible "Powered by" line: reported with a sentence, listed apart, not in the text.
        JsonNode warning = json.path("warnings").get(0);
        assertThat(warning.path("code").asText()).isEqualTo("hidden_text");
        assertThat(warning.path("message").asText()).startsWith("Hidden text found on page 1");
        assertThat(json.path("hidden_text").get(0).path("text").asText()).contains("Powered by TCPDF");
        assertThat(json.path("pages").get(0).path("text").asText()).doesNotContain("Powered by");
    }

    @Test
    void anEncryptedPdfNeedsItsPasswordAndSaysSoInOneLine() throws Exception {
        Path file = pdf("encrypted-user-password__PasswordSample-40bit.pdf");

        assertThat(run(Locale.ROOT, "import", file.toString())).isEqualTo(MedScribeCommand.BAD_INPUT);
        // Progress lines come first; the reason is one last line.
        assertThat(err.toString().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(
                "medscribe: This PDF is protected by a password. Enter its password to open it (command line: --password).");
        assertThat(out.toString()).isEmpty();

        err.getBuffer().setLength(0);
        assertThat(run(Messages.CHINESE, "import", file.toString(), "--password", "nope")).isEqualTo(MedScribeCommand.BAD_INPUT);
        assertThat(err.toString()).contains("密码不正确");

        err.getBuffer().setLength(0);
        assertThat(run(Locale.ROOT, "import", file.toString(), "--password", "user")).as(err.toString()).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).path("pages").get(0).path("text").asText()).contains("Hello");
    }

    @Test
    void aCertificateEncryptedPdfIsRefused() {
        assertThat(run(Locale.ROOT, "import", pdf("encrypted-public-key__AESkeylength256.pdf").toString()))
                .isEqualTo(MedScribeCommand.BAD_INPUT);
        assertThat(err.toString()).contains("digital certificate");
    }

    @Test
    void exportWritesPdfTextAndJson() throws Exception {
        Path record = example("record-outpatient-zh-signed.json");
        Path settings = example("settings-clinic.json");
        Path pdf = temp.resolve("out/record.pdf");
        Path text = temp.resolve("out/record.txt");
        Path json = temp.resolve("out/record.json");

        assertThat(run(Locale.ROOT, "export", "--in", record.toString(), "--format", "pdf", "--out", pdf.toString(),
                "--settings", settings.toString())).as(err.toString()).isZero();
        assertThat(run(Locale.ROOT, "export", "--in", record.toString(), "--format", "text", "--out", text.toString())).isZero();
        assertThat(run(Locale.ROOT, "export", "--in", record.toString(), "--format", "json", "--out", json.toString())).isZero();

        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.readString(text)).startsWith("主诉：咳嗽、咳黄痰3天，发热1天。\r\n");
        assertThat(new ObjectMapper().readTree(json.toFile()).path("format").asText()).isEqualTo("medscribe.record/1");
        assertThat(err.toString()).contains("Exported to");
    }

    @Test
    void exportRefusesAnUnknownFormat() {
        assertThat(run(Locale.ROOT, "export", "--in", example("record-soap-en-draft.json").toString(), "--format", "docx",
                "--out", temp.resolve("x").toString())).isEqualTo(MedScribeCommand.BAD_INPUT);
        assertThat(err.toString()).contains("Unknown export format \"docx\"");
    }
}
