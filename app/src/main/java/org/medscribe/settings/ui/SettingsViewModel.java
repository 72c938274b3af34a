package org.medscribe.settings.ui;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.medscribe.settings.Settings;
import org.medscribe.ui.DialogService;
import org.medscribe.ui.MessageKey;
import org.medscribe.ui.SavedValue;

/**
 * The settings form: model, threads, context size, GPU layers, custom engine library folder, UI
 * language, default record template, theme, font size, the clinic's letterhead and the signing
 * clinician. Edits stay in the form until {@link #apply};
 * validation yields message keys per field. UI thread.
 */
public final class SettingsViewModel {

    public static final List<String> LANGUAGES = List.of("en", "zh_CN");
    public static final List<String> THEMES = List.of("light", "dark");
    public static final int MIN_CONTEXT = 512;
    public static final int MAX_CONTEXT = 131072;
    public static final double MIN_FONT = 9;
    public static final double MAX_FONT = 24;

    private final SavedValue<Settings> settings;
    private final DialogService dialogs;
    private final Consumer<Settings> engineChanged;

    private final StringProperty modelPath = new SimpleStringProperty("");
    private final IntegerProperty threads = new SimpleIntegerProperty();
    private final IntegerProperty contextSize = new SimpleIntegerProperty();
    private final IntegerProperty gpuLayers = new SimpleIntegerProperty();
    private final StringProperty customNativeDir = new SimpleStringProperty("");
    private final StringProperty uiLanguage = new SimpleStringProperty();
    private final StringProperty defaultTemplate = new SimpleStringProperty();
    private final StringProperty theme = new SimpleStringProperty();
    private final DoubleProperty fontSize = new SimpleDoubleProperty();
    private final StringProperty clinicName = new SimpleStringProperty("");
    private final StringProperty clinicAddress = new SimpleStringProperty("");
    private final StringProperty clinicLogo = new SimpleStringProperty("");
    private final StringProperty clinicianName = new SimpleStringProperty("");
    private final StringProperty clinicianRole = new SimpleStringProperty("");
    private final ObservableMap<String, MessageKey> errors = FXCollections.observableHashMap();

    /**
     * @param engineChanged called with the new settings when a change needs the model reloaded
     */
    public SettingsViewModel(SavedValue<Settings> settings, DialogService dialogs, Consumer<Settings> engineChanged) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.engineChanged = Objects.requireNonNull(engineChanged, "engineChanged");
        reset();
    }

    /** Fills the form from the settings in force (discarding unapplied edits). */
    public void reset() {
        Settings now = settings.get();
        modelPath.set(now.modelPath() == null ? "" : now.modelPath().toString());
        threads.set(now.threads());
        contextSize.set(now.contextSize());
        gpuLayers.set(now.gpuLayers());
        customNativeDir.set(now.customNativeDir() == null ? "" : now.customNativeDir().toString());
        uiLanguage.set(LANGUAGES.contains(now.uiLanguage()) ? now.uiLanguage() : "en");
        defaultTemplate.set(now.defaultTemplate());
        theme.set(THEMES.contains(now.theme()) ? now.theme() : "light");
        fontSize.set(now.fontSize());
        Settings.Clinic clinic = now.clinic();
        clinicName.set(clinic == null || clinic.name() == null ? "" : clinic.name());
        clinicAddress.set(clinic == null || clinic.address() == null ? "" : clinic.address());
        clinicLogo.set(clinic == null || clinic.logo() == null ? "" : clinic.logo());
        Settings.Clinician clinician = now.clinician();
        clinicianName.set(clinician == null || clinician.name() == null ? "" : clinician.name());
        clinicianRole.set(clinician == null || clinician.role() == null ? "" : clinician.role());
        errors.clear();
    }

    /** Checks the form; the errors map holds a message key per invalid field. */
    public boolean validate() {
        Map<String, MessageKey> found = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads.get() < 0 || threads.get() > 4 * cores) {
            found.put("threads", new MessageKey("settings.error.threads", 4 * cores));
        }
        if (contextSize.get() < MIN_CONTEXT || contextSize.get() > MAX_CONTEXT) {
            found.put("contextSize", new MessageKey("settings.error.contextSize", MIN_CONTEXT, MAX_CONTEXT));
        }
        if (gpuLayers.get() < 0 || gpuLayers.get() > 999) {
            found.put("gpuLayers", new MessageKey("settings.error.gpuLayers"));
        }
        if (fontSize.get() < MIN_FONT || fontSize.get() > MAX_FONT) {
            found.put("fontSize", new MessageKey("settings.error.fontSize", MIN_FONT, MAX_FONT));
        }
        Path model = pathOrNull(modelPath.get());
        if (!modelPath.get().isBlank() && (model == null || !Files.isRegularFile(model))) {
            found.put("modelPath", new MessageKey("settings.error.modelMissing"));
        }
        Path natives = pathOrNull(customNativeDir.get());
        if (!customNativeDir.get().isBlank() && (natives == null || !Files.isDirectory(natives))) {
            found.put("customNativeDir", new MessageKey("settings.error.folderMissing"));
        }
        Path logo = pathOrNull(clinicLogo.get());
        if (!clinicLogo.get().isBlank() && (logo == null || !Files.isRegularFile(logo))) {
            found.put("clinicLogo", new MessageKey("settings.error.logoMissing"));
        }
        if (clinicianName.get().isBlank() && !clinicianRole.get().isBlank()) {
            found.put("clinicianName", new MessageKey("settings.error.clinicianName"));
        }
        errors.clear();
        errors.putAll(found);
        return found.isEmpty();
    }

    /** Validates and, if valid, puts the form in force; reloads the model if an engine setting changed. */
    public boolean apply() {
        if (!validate()) {
            return false;
        }
        Settings before = settings.get();
        Settings after = new Settings(pathOrNull(modelPath.get()), threads.get(), contextSize.get(),
                before.batchSize(), gpuLayers.get(), pathOrNull(customNativeDir.get()), uiLanguage.get(),
                defaultTemplate.get(), theme.get(), fontSize.get(), clinic(), clinician(before.clinician()));
        settings.update(current -> after);
        if (after.engineSettings() != null && !after.engineSettings().equals(before.engineSettings())) {
            engineChanged.accept(after);
        }
        return true;
    }

    private Settings.Clinic clinic() {
        if (clinicName.get().isBlank() && clinicAddress.get().isBlank() && clinicLogo.get().isBlank()) {
            return null;
        }
        return new Settings.Clinic(blankToNull(clinicName.get()), blankToNull(clinicAddress.get()),
                blankToNull(clinicLogo.get()));
    }

    /** The same person keeps their registration; a new name or role is registered anew when next needed. */
    private Settings.Clinician clinician(Settings.Clinician before) {
        String name = clinicianName.get().strip();
        String role = clinicianRole.get().strip();
        if (name.isEmpty()) {
            return null;
        }
        boolean same = before != null && name.equals(before.name()) && role.equals(
                before.role() == null ? "" : before.role());
        return new Settings.Clinician(name, role, same ? before.storeId() : null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public void chooseLogo() {
        dialogs.chooseImage().ifPresent(path -> clinicLogo.set(path.toString()));
    }

    public void chooseModel() {
        Path current = pathOrNull(modelPath.get());
        dialogs.chooseModelFile(current == null ? null : current.getParent())
                .ifPresent(path -> modelPath.set(path.toString()));
    }

    public void chooseNativeDir() {
        dialogs.chooseDirectory("settings.field.customNativeDir", pathOrNull(customNativeDir.get()))
                .ifPresent(path -> customNativeDir.set(path.toString()));
    }

    private static Path pathOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            return null;
        }
    }

    public StringProperty modelPath() {
        return modelPath;
    }

    public IntegerProperty threads() {
        return threads;
    }

    public IntegerProperty contextSize() {
        return contextSize;
    }

    public IntegerProperty gpuLayers() {
        return gpuLayers;
    }

    public StringProperty customNativeDir() {
        return customNativeDir;
    }

    public StringProperty uiLanguage() {
        return uiLanguage;
    }

    public StringProperty defaultTemplate() {
        return defaultTemplate;
    }

    public StringProperty theme() {
        return theme;
    }

    public DoubleProperty fontSize() {
        return fontSize;
    }

    public StringProperty clinicName() {
        return clinicName;
    }

    public StringProperty clinicAddress() {
        return clinicAddress;
    }

    public StringProperty clinicLogo() {
        return clinicLogo;
    }

    public StringProperty clinicianName() {
        return clinicianName;
    }

    public StringProperty clinicianRole() {
        return clinicianRole;
    }

    /** Field name → why it is invalid. */
    public ObservableMap<String, MessageKey> errors() {
        return errors;
    }
}
