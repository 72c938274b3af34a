package org.medscribe.settings;

import java.nio.file.Path;
import java.util.Objects;
import org.medscribe.inference.EngineSettings;

/**
 * The user's preferences, persisted as JSON in {@link AppDirectories#settingsFile()}.
 *
 * @param modelPath        the GGUF model to load, or null before one is chosen
 * @param threads          CPU threads, 0 for llama.cpp's choice
 * @param contextSize      context window in tokens
 * @param batchSize        prompt batch size, 0 for llama.cpp's default
 * @param gpuLayers        layers offloaded to a GPU (needs a GPU build of the engine library)
 * @param customNativeDir  directory of a user-supplied engine library (CUDA/Vulkan build), or null
 * @param uiLanguage       {@code en} or {@code zh_CN}
 * @param defaultTemplate  record template chosen by default, e.g. {@code soap-en}
 * @param theme            {@code light} or {@code dark}
 * @param fontSize         base font size in points
 * @param clinic           the letterhead of exported records (the export command reads the same
 *                         {@code clinic} object), or null
 * @param clinician        who signs on this workstation, or null before the doctor has said
 */
public record Settings(
        Path modelPath,
        int threads,
        int contextSize,
        int batchSize,
        int gpuLayers,
        Path customNativeDir,
        String uiLanguage,
        String defaultTemplate,
        String theme,
        double fontSize,
        Clinic clinic,
        Clinician clinician) {

    /**
     * The clinic's letterhead.
     *
     * @param name    clinic or hospital name
     * @param address postal address and phone, may span lines
     * @param logo    path of a PNG or JPEG logo, or null
     */
    public record Clinic(String name, String address, String logo) {
    }

    /**
     * The doctor who signs records here. Staff data, not patient data.
     *
     * @param name    as printed under a signature
     * @param role    e.g. attending physician, 主治医师
     * @param storeId the id the encounter store gave when the clinician was registered, or null before
     */
    public record Clinician(String name, String role, String storeId) {

        public boolean named() {
            return name != null && !name.isBlank();
        }
    }

    /** Settings without clinic and clinician (both asked for later). */
    public Settings(Path modelPath, int threads, int contextSize, int batchSize, int gpuLayers, Path customNativeDir,
                    String uiLanguage, String defaultTemplate, String theme, double fontSize) {
        this(modelPath, threads, contextSize, batchSize, gpuLayers, customNativeDir, uiLanguage, defaultTemplate, theme,
                fontSize, null, null);
    }

    public static Settings defaults() {
        return new Settings(null, 0, EngineSettings.DEFAULT_CONTEXT, 0, 0, null, "en", defaultTemplateFor("en"), "light",
                10.5);
    }

    /** The engine settings these preferences describe, or null when no model is chosen. */
    public EngineSettings engineSettings() {
        return modelPath == null ? null
                : new EngineSettings(modelPath, threads, contextSize, batchSize, gpuLayers, customNativeDir);
    }

    public Settings withModelPath(Path value) {
        return new Settings(value, threads, contextSize, batchSize, gpuLayers, customNativeDir, uiLanguage,
                defaultTemplate, theme, fontSize, clinic, clinician);
    }

    /**
     * The UI in {@code value}; a default template that was the old language's own default follows
     * the language (a Chinese UI drafts 门诊病历, an English one a SOAP note), a chosen one stays.
     */
    public Settings withUiLanguage(String value) {
        String template = Objects.equals(defaultTemplate, defaultTemplateFor(uiLanguage))
                ? defaultTemplateFor(value) : defaultTemplate;
        return new Settings(modelPath, threads, contextSize, batchSize, gpuLayers, customNativeDir, value,
                template, theme, fontSize, clinic, clinician);
    }

    /** The record template a UI language starts with: 门诊病历 in Chinese, a SOAP note otherwise. */
    public static String defaultTemplateFor(String uiLanguage) {
        return uiLanguage != null && uiLanguage.startsWith("zh") ? "outpatient-zh" : "soap-en";
    }

    public Settings withTheme(String value) {
        return new Settings(modelPath, threads, contextSize, batchSize, gpuLayers, customNativeDir, uiLanguage,
                defaultTemplate, value, fontSize, clinic, clinician);
    }

    public Settings withFontSize(double value) {
        return new Settings(modelPath, threads, contextSize, batchSize, gpuLayers, customNativeDir, uiLanguage,
                defaultTemplate, theme, value, clinic, clinician);
    }

    public Settings withClinic(Clinic value) {
        return new Settings(modelPath, threads, contextSize, batchSize, gpuLayers, customNativeDir, uiLanguage,
                defaultTemplate, theme, fontSize, value, clinician);
    }

    public Settings withClinician(Clinician value) {
        return new Settings(modelPath, threads, contextSize, batchSize, gpuLayers, customNativeDir, uiLanguage,
                defaultTemplate, theme, fontSize, clinic, value);
    }
}
