package org.medscribe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.capture.ocr.ImageCleanup;
import org.medscribe.capture.ocr.TesseractOcr;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.ProgressListener;

/**
 * OCR of document images rendered here (English and Chinese drawn with the bundled WenQuanYi font):
 * through the importer for PNG and a photo-like JPEG, and a measurement of what the clean-up
 * (grey, contrast stretch, deskew) changes, printed as figures.
 */
class OcrImageTest {

    static final List<String> LINES = List.of(
            "Chief complaint: cough for 3 days, fever since yesterday.",
            "Potassium 3.2 mmol/L 3.5-5.1 L",
            "主诉：咳嗽三天，发热一天。",
            "血红蛋白 102 g/L 130-175");

    @TempDir
    Path temp;

    static TesseractOcr tesseract;
    static Font font;

    @BeforeAll
    static void requireTesseract() throws IOException, FontFormatException {
        tesseract = TesseractOcr.locate().orElseThrow(() -> new AssertionError(
                "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim"
                        + " (see README, 'Text recognition')"));
        assertThat(tesseract.languages()).as("language packs").contains("eng", "chi_sim");
        try (InputStream in = OcrImageTest.class.getResourceAsStream("/org/medscribe/export/fonts/wqy-microhei.ttc")) {
            font = Font.createFonts(in)[0];
        }
    }

    /** A page of text, black on white, 300 dpi-like (36 px letters). */
    static BufferedImage page() {
        BufferedImage image = new BufferedImage(1700, 700, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font.deriveFont(40f));
        int y = 140;
        for (String line : LINES) {
            g.drawString(line, 100, y);
            y += 120;
        }
        g.dispose();
        return image;
    }

    /** The page as a phone photo: turned, faint grey on grey, a little noise. */
    static BufferedImage photo(BufferedImage page, double degrees, int ink, int paper, long seed) {
        BufferedImage turned = new BufferedImage(page.getWidth() + 200, page.getHeight() + 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, turned.getWidth(), turned.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(-degrees), turned.getWidth() / 2.0, turned.getHeight() / 2.0);
        g.drawImage(page, 100, 150, null);
        g.dispose();
        Random noise = new Random(seed);
        for (int y = 0; y < turned.getHeight(); y++) {
            for (int x = 0; x < turned.getWidth(); x++) {
                int v = turned.getRGB(x, y) & 0xFF;
                int mapped = paper + (ink - paper) * (255 - v) / 255 + (int) (noise.nextGaussian() * 6);
                int c = Math.max(0, Math.min(255, mapped));
                turned.setRGB(x, y, (c << 16) | (c << 8) | c);
            }
        }
        return turned;
    }

    @Test
    void aRenderedPngImportsWithEnglishAndChineseRecognised() throws IOException {
        Path png = temp.resolve("page.png");
        ImageIO.write(page(), "png", png.toFile());

        ImportResult result = new DocumentImporter(temp.resolve("work")).importFile(png, ImportOptions.defaults(),
                ProgressListener.NONE, CancellationToken.none());

        assertThat(result.kind()).isEqualTo(DocumentKind.IMAGE);
        assertThat(result.pages()).singleElement().satisfies(p -> assertThat(p.ocr()).isTrue());
        String text = result.pages().get(0).text();
        for (String line : LINES) {
            assertThat(bestLineAccuracy(line, text)).as(line).isGreaterThan(0.85);
        }
        assertThat(squash(text)).contains(squash("主诉"), squash("咳嗽三天"));
        assertThat(result.labValues()).anySatisfy(lab -> {
            assertThat(lab.analyte()).isEqualTo("Potassium");
            assertThat(lab.outOfRange()).isTrue();
        });
    }

    @Test
    void aSkewedFaintPhotoIsStraightenedAndRead() throws IOException {
        Path jpeg = temp.resolve("photo.jpg");
        ImageIO.write(photo(page(), 4.0, 90, 170, 7), "jpg", jpeg.toFile());

        ImportResult result = new DocumentImporter(temp.resolve("work")).importFile(jpeg, ImportOptions.defaults(),
                ProgressListener.NONE, CancellationToken.none());

        assertThat(result.warnings()).extracting(ImportWarning::code).contains("image_straightened");
        String text = result.pages().get(0).text();
        assertThat(accuracy(String.join("", LINES), text)).isGreaterThan(0.8);
    }

    /**
     * Prints OCR character accuracy with and without the clean-up on four degradations, and asserts
     * the clean-up never makes a case worse by more than noise and fixes the skewed ones.
     */
    @Test
    void cleanUpHelpsOnSkewedAndFaintPhotos() {
        record Case(String name, BufferedImage image, double skew) {
        }
        BufferedImage page = page();
        List<Case> cases = List.of(
                new Case("clean render", page, 0),
                new Case("faint (ink 150 on paper 190)", photo(page, 0, 150, 190, 1), 0),
                new Case("turned 4 degrees", photo(page, 4, 30, 235, 2), 4),
                new Case("turned -6 degrees, faint", photo(page, -6, 120, 200, 3), -6));
        String expected = String.join("", LINES);
        StringBuilder table = new StringBuilder("\nOCR character accuracy (chi_sim+eng), raw vs cleaned\n");
        double rawSum = 0;
        double cleanSum = 0;
        for (Case c : cases) {
            double raw = accuracy(expected, ocr(c.image()));
            ImageCleanup.Result cleaned = ImageCleanup.clean(c.image());
            double clean = accuracy(expected, ocr(cleaned.image()));
            rawSum += raw;
            cleanSum += clean;
            table.append(String.format("%-32s raw %.3f  cleaned %.3f  skew found %+.1f (true %+.1f)%n", c.name(), raw,
                    clean, cleaned.skewDegrees(), c.skew()));
            assertThat(cleaned.skewDegrees()).as(c.name()).isCloseTo(c.skew(), org.assertj.core.data.Offset.offset(0.6));
            assertThat(clean).as(c.name()).isGreaterThan(raw - 0.05);
        }
        table.append(String.format("mean                             raw %.3f  cleaned %.3f%n", rawSum / cases.size(),
                cleanSum / cases.size()));
        System.out.print(table);
        assertThat(cleanSum).isGreaterThanOrEqualTo(rawSum);
    }

    private String ocr(BufferedImage image) {
        return tesseract.recognise(image, "chi_sim+eng", temp, Duration.ofSeconds(60));
    }

    /** 1 - edit distance / length, on text without whitespace and in compatibility form (：→:). */
    static double accuracy(String expected, String actual) {
        String a = squash(expected);
        String b = squash(actual);
        return Math.max(0, 1.0 - (double) levenshtein(a, b) / Math.max(1, a.length()));
    }

    static double bestLineAccuracy(String expected, String text) {
        double best = 0;
        for (String line : text.split("\n")) {
            best = Math.max(best, accuracy(expected, line));
        }
        return best;
    }

    static String squash(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
