package org.medscribe.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Screenshots a test takes of what it checks, to be looked at: PNGs in {@code target/screens/}
 * (or {@code -Dmedscribe.screens.dir}).
 */
public final class Screens {

    private Screens() {
    }

    public static Path save(Window window, String name) throws Exception {
        CompletableFuture<WritableImage> taken = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                taken.complete(window.getScene().snapshot(null));
            } catch (RuntimeException e) {
                taken.completeExceptionally(e);
            }
        });
        Path dir = Path.of(System.getProperty("medscribe.screens.dir", "target/screens"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        write(taken.get(20, TimeUnit.SECONDS), file);
        return file;
    }

    /** Writes {@code image} as a PNG. */
    public static void write(WritableImage image, Path file) throws java.io.IOException {
        BufferedImage picture = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                picture.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(picture, "png", file.toFile());
    }
}
