package org.medscribe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.capture.DocumentImporter;
import org.medscribe.capture.ImportOptions;
import org.medscribe.capture.ImportResult;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;

/**
 * Export of the example records in {@code examples/} (the project's own, invented patients) as PDF,
 * EMR text and JSON, and the round trip PDF → import → the same text.
 */
class RecordExportTest {

    @TempDir
    Path temp;

    static Path examples() {
        return Path.of(System.getProperty("medscribe.project.dir", "..")).resolve("examples");
    }

    static RecordDocument chineseSigned() {
        return RecordDocument.read(examples().resolve("record-outpatient-zh-signed.json"));
    }

    static RecordDocument englishDraft() {
        return RecordDocument.read(examples().resolve("record-soap-en-draft.json"));
    }

    static ClinicHeader clinic() {
        return new ClinicHeader("平安社区卫生服务中心 Ping'an Community Health Centre", examples().resolve("clinic-logo.png"),
                "上海市徐汇区示例路 88 号\nTel 021-5555 0100");
    }

    @Test
    void readsDraftingOutputTolerantly() {
        RecordDocument zh = chineseSigned();
        assertThat(zh.status()).isEqualTo(RecordDocument.Status.SIGNED);
        assertThat(zh.chinese()).isTrue();
        assertThat(zh.sections()).extracting(RecordDocument.Section::title).startsWith("主诉", "现病史");
        assertThat(zh.sections().get(5).text()).contains("血常规").contains("\n胸部X线");
        assertThat(zh.sections().get(6).text()).isEqualTo("1. 社区获得性肺炎（右下肺）\n2. 高血压病");
        assertThat(zh.signature().version()).isEqualTo(2);

        RecordDocument draft = RecordDocument.read(new ByteArrayInputStream("""
                {"template":"soap-en","language":"en","status":"signed","unknown":{"x":1},
                 "sections":[{"id":"cc","title":"Chief complaint","statements":[{"text":"Cough."},{"text":"Fever."}],
                   "extra":true}],
                 "provenance":{"model":"m"}}""".getBytes(StandardCharsets.UTF_8)));
        // "signed" without any signature is not trusted: exported as a draft, watermarked.
        assertThat(draft.status()).isEqualTo(RecordDocument.Status.DRAFT);
        assertThat(draft.sections().get(0).text()).isEqualTo("Cough. Fever.");
    }

    @Test
    void refusesWhatIsNotARecord() {
        assertThatThrownBy(() -> RecordDocument.read(new ByteArrayInputStream("{\"sections\":[]}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(MedScribeException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("export.record.no.sections"));
        assertThatThrownBy(() -> RecordDocument.read(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(MedScribeException.class, e -> assertThat(e.isBadInput()).isTrue());
    }

    @Test
    void plainTextIsEmrReady() {
        String zh = PlainTextRecord.render(chineseSigned());
        assertThat(zh).startsWith("主诉：咳嗽、咳黄痰3天，发热1天。\r\n");
        assertThat(zh).contains("\r\n处理意见：\r\n1. 左氧氟沙星").contains("医师签名：李明 主治医师    签名时间：2025-11-28 10:42 +08:00\r\n");
        assertThat(zh.replace("\r\n", "")).doesNotContain("\r", "\n", "\t");

        String en = PlainTextRecord.render(englishDraft());
        assertThat(en).startsWith("DRAFT — not signed; not valid as a medical record.\r\n\r\nCHIEF COMPLAINT: Cough for 3 days.\r\n");
        assertThat(en).contains("ALLERGIES: Not documented\r\n");
        assertThat(en).doesNotContain("Signed by");
        assertThat(en.lines()).allSatisfy(line -> assertThat(line).isEqualTo(line.strip()));
    }

    @Test
    void jsonCarriesTheStructure() throws IOException {
        JsonNode json = new ObjectMapper().readTree(JsonRecord.render(chineseSigned(), clinic()));
        assertThat(json.path("format").asText()).isEqualTo("medscribe.record/1");
        assertThat(json.path("status").asText()).isEqualTo("signed");
        assertThat(json.path("patient").path("name").asText()).isEqualTo("王建国");
        assertThat(json.path("sections")).hasSize(8);
        assertThat(json.path("signature").path("version").asInt()).isEqualTo(2);
        assertThat(json.path("content_hash").asText()).startsWith("sha256:7b1f");
        assertThat(json.path("clinic").path("name").asText()).startsWith("平安");
    }

    @Test
    void pdfRoundTripKeepsTheTextChineseIncluded() throws IOException {
        Path pdf = temp.resolve("zh.pdf");
        new RecordExporter().export(chineseSigned(), clinic(), ExportFormat.PDF, pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFont font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.getName()).contains("WenQuanYi");
            assertThat(font.isEmbedded()).isTrue();
            BufferedImage page1 = new PDFRenderer(document).renderImageWithDPI(0, 100);
            // Written for a person to look at (the developer did): target/export-zh-page1.png
            ImageIO.write(page1, "png", Path.of("target", "export-zh-page1.png").toFile());
            assertThat(inkFraction(page1)).isBetween(0.01, 0.30);
        }

        ImportResult back = new DocumentImporter(temp.resolve("work")).importFile(pdf, ImportOptions.defaults(),
                ProgressListener.NONE, CancellationToken.none());
        String text = squash(back.fullText());
        RecordDocument record = chineseSigned();
        int at = 0;
        for (RecordDocument.Section section : record.sections()) {
            at = assertInOrder(text, section.title(), at);
            for (String paragraph : section.text().split("\n")) {
                // ℃ has no glyph in the font and is printed as °C; compare in compatibility form.
                at = assertInOrder(text, paragraph, at);
            }
        }
        assertThat(text).contains(squash("姓名：王建国"), squash("医师签名：李明 主治医师"), squash("第 1 页，共 1 页"),
                squash("病历版本 2"), "sha256:7b1f0c2a9e4d5b6c8a3f1e2d4c6b8a0f9e7d5c3b1a2f4e6d8c0b2a4f6e8d0c1b");
        assertThat(back.hiddenText()).as("our own export hides nothing").isEmpty();
        assertThat(back.pages()).noneMatch(p -> p.ocr());
    }

    @Test
    void aLongDraftIsWatermarkedAndNumberedOnEveryPage() throws IOException {
        RecordDocument base = englishDraft();
        StringBuilder longText = new StringBuilder();
        for (int i = 1; i <= 120; i++) {
            longText.append("Day ").append(i).append(": afebrile, eating well, walking on the ward without help.\n");
        }
        List<RecordDocument.Section> sections = new java.util.ArrayList<>(base.sections());
        sections.add(new RecordDocument.Section("course", "Hospital course", longText.toString()));
        RecordDocument draft = new RecordDocument(base.template(), base.title(), base.language(), base.status(),
                base.patient(), base.encounterDate(), sections, null);

        Path pdf = temp.resolve("draft.pdf");
        new RecordExporter().export(draft, ClinicHeader.none(), ExportFormat.PDF, pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(2);
            for (int i = 1; i <= pages; i++) {
                var stripper = new org.apache.pdfbox.text.PDFTextStripper();
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                String text = stripper.getText(document);
                assertThat(text).contains("Page " + i + " of " + pages).contains("DRAFT").contains("Content hash sha256:");
            }
            String all = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(all).contains("Day 1: afebrile").contains("Day 120: afebrile").contains("DRAFT — not signed");
        }
    }

    @Test
    void anUnreadableLogoIsAClearReason() throws IOException {
        Path notAnImage = Files.writeString(temp.resolve("logo.png"), "not an image");
        assertThatThrownBy(() -> new RecordExporter().export(chineseSigned(), new ClinicHeader("X", notAnImage, null),
                ExportFormat.PDF, temp.resolve("x.pdf")))
                .isInstanceOfSatisfying(MedScribeException.class, e -> assertThat(e.messageKey()).isEqualTo("export.logo.unreadable"));
        assertThat(temp.resolve("x.pdf")).doesNotExist();
    }

    private static int assertInOrder(String text, String expected, int from) {
        String needle = squash(expected);
        int found = text.indexOf(needle, from);
        assertThat(found).as("\"%s\" after position %d", expected, from).isGreaterThanOrEqualTo(0);
        return found + needle.length();
    }

    private static String squash(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    private static double inkFraction(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int grey = ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3;
                if (grey < 128) {
                    dark++;
                }
            }
        }
        return dark / ((image.getWidth() / 2.0) * (image.getHeight() / 2.0));
    }

    @Test
    void anAmendedRecordsPdfAndTextSayWhyItWasAmended() throws Exception {
        RecordDocument signed = chineseSigned();
        org.medscribe.record.RecordFile.Signature before = signed.signature();
        RecordDocument amended = new RecordDocument(signed.template(), signed.title(), signed.language(),
                signed.status(), signed.patient(), signed.encounterDate(), signed.sections(),
                new org.medscribe.record.RecordFile.Signature(before.signer(), before.signedAt(), 2, before.contentHash(),
                        "补充过敏史：青霉素皮疹"));
        Path pdf = temp.resolve("amended.pdf");
        new RecordExporter().export(amended, ClinicHeader.none(), ExportFormat.PDF, pdf);
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("修改原因").contains("补充过敏史：青霉素皮疹");
        }
        Path plain = temp.resolve("amended.txt");
        new RecordExporter().export(amended, ClinicHeader.none(), ExportFormat.TEXT, plain);
        assertThat(java.nio.file.Files.readString(plain)).contains("修改原因").contains("补充过敏史：青霉素皮疹");
    }
}
