package org.medscribe.capture.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.MedScribeException;

class ImageDocumentTest {

    @TempDir
    Path temp;

    /** A landscape JPEG whose EXIF says "turn right to view" (orientation 6), as phones write it. */
    private Path phonePhoto(int orientation) throws IOException {
        BufferedImage image = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 200);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 40, 40); // a mark in the top-left corner of the stored image
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        byte[] bytes = jpeg.toByteArray();
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(bytes, 2, bytes.length - 2);
        Path file = temp.resolve("photo-" + orientation + ".jpg");
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void aPhonePhotoIsTurnedUprightByItsExifOrientation() throws IOException {
        Path photo = phonePhoto(6);
        assertThat(ImageDocument.exifOrientation(photo)).isEqualTo(6);

        try (ImageDocument document = ImageDocument.open(photo, 10_000_000, 5)) {
            BufferedImage upright = document.page(0);
            assertThat(upright.getWidth()).isEqualTo(200);
            assertThat(upright.getHeight()).isEqualTo(400);
            // Turned right: the stored top-left corner is now top-right.
            assertThat(upright.getRGB(190, 10) & 0xFF).isLessThan(80);
            assertThat(upright.getRGB(10, 10) & 0xFF).isGreaterThan(180);
        }
    }

    @Test
    void anImageTooLargeToDecodeSafelyIsRefusedBeforeDecoding() throws IOException {
        Path photo = phonePhoto(1);
        try (ImageDocument document = ImageDocument.open(photo, 1_000, 5)) {
            assertThatThrownBy(() -> document.page(0)).isInstanceOfSatisfying(MedScribeException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("capture.image.too.large"));
        }
    }

    @Test
    void garbageIsAReasonNotACrash() throws IOException {
        Path junk = Files.write(temp.resolve("junk.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> ImageDocument.open(junk, 10_000_000, 5).page(0))
                .isInstanceOfSatisfying(MedScribeException.class, e -> assertThat(e.isBadInput()).isTrue());
    }
}
