package org.medscribe.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.PrivateFiles;
import org.medscribe.common.MedScribeException.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings}. Writes are atomic (temp file, then rename), so a crash never
 * leaves a half-written file; an unreadable file gives the defaults and is kept aside for support.
 * File I/O: call from a background thread.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            Settings read = JSON.readValue(file.toFile(), Settings.class);
            return read.contextSize() < 256 ? Settings.defaults().withModelPath(read.modelPath()) : read;
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            LOG.warn("settings file unreadable ({}); using defaults and keeping it as {}", e.getClass().getSimpleName(),
                    aside.getFileName());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("could not move the unreadable settings file aside", moveFailed);
            }
            return Settings.defaults();
        }
    }

    public void save(Settings settings) {
        try {
            PrivateFiles.write(file, JSON.writeValueAsBytes(settings));
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "settings.error.save", file.toString());
        }
    }
}
