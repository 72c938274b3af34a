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

    void ifUsable(java.util.function.Consumer<WindowPlacement> action) {
        if (usable()) {
            action.accept(this);
        }
    }

    boolean usable() {
        return width >= 640 && height >= 400 && width < 20000 && height < 20000;
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
