package org.medscribe.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the main window was and how large, restored at the next start. Kept in its own small file
 * ({@code window.json}) beside the settings: it changes on every close and is nobody's preference to edit.
 * File I/O: call off the FX thread.
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {

    private static final Logger LOG = LoggerFactory.getLogger(WindowPlacement.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Fits 1366×768 with the taskbar. */
    public static WindowPlacement standard() {
        return new WindowPlacement(Double.NaN, Double.NaN, 1280, 720, false);
    }

    boolean usable() {
        return width >= 640 && height >= 400 && width < 20000 && height < 20000;
    }

    /**
     * This placement on a screen whose visible area is {@code screen}: no larger than it, wholly on
     * it, centred when no position was saved or the saved one is on no screen any more.
     */
    WindowPlacement fittedTo(javafx.geometry.Rectangle2D screen) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        boolean onScreen = !Double.isNaN(x) && !Double.isNaN(y) && screen.contains(x + Math.min(w, 100) / 2,
                y + Math.min(h, 100) / 2);
        double left = onScreen ? x : screen.getMinX() + (screen.getWidth() - w) / 2;
        double top = onScreen ? y : screen.getMinY() + (screen.getHeight() - h) / 2;
        left = Math.max(screen.getMinX(), Math.min(left, screen.getMaxX() - w));
        top = Math.max(screen.getMinY(), Math.min(top, screen.getMaxY() - h));
        return new WindowPlacement(left, top, w, h, maximized);
    }

    public static WindowPlacement read(Path file) {
        if (!Files.isRegularFile(file)) {
            return standard();
        }
        try {
            WindowPlacement read = JSON.readValue(file.toFile(), WindowPlacement.class);
            return read.usable() ? read : standard();
        } catch (IOException e) {
            LOG.info("window placement unreadable ({}); using the default", e.getClass().getSimpleName());
            return standard();
        }
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "window-", ".tmp");
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("could not save the window placement", e);
        }
    }
}
