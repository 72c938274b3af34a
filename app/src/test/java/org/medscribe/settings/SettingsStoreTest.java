package org.medscribe.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savesAndLoadsEveryField() {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        Settings saved = new Settings(Path.of("/models/千问 2.5.gguf"), 4, 8192, 256, 10, Path.of("/opt/cuda"), "zh_CN",
                "outpatient-zh", "dark", 15);
        store.save(saved);
        assertThat(store.load()).isEqualTo(saved);
        assertThat(saved.engineSettings().gpuLayers()).isEqualTo(10);
    }

    @Test
    void keepsTheClinicLetterheadAndTheSigningClinicianWhereTheExportCommandReadsThem() throws Exception {
        Path file = dir.resolve("settings.json");
        SettingsStore store = new SettingsStore(file);
        Settings saved = Settings.defaults()
                .withClinic(new Settings.Clinic("平安社区卫生服务中心", "示例路 88 号\nTel 021-5555 0100", "/srv/logo.png"))
                .withClinician(new Settings.Clinician("周医生 Dr Zhou", "主治医师", "c-42"));
        store.save(saved);
        assertThat(store.load()).isEqualTo(saved);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                file.toFile());
        assertThat(json.path("clinic").path("name").asText()).isEqualTo("平安社区卫生服务中心");
        assertThat(json.path("clinic").path("logo").asText()).isEqualTo("/srv/logo.png");
        assertThat(json.path("clinician").path("store_id").asText()).isEqualTo("c-42");

        // A settings file from before these fields loads with neither (both are asked for when needed).
        Files.writeString(file, "{\"ui_language\": \"zh_CN\", \"context_size\": 4096, \"font_size\": 12}");
        Settings old = store.load();
        assertThat(old.uiLanguage()).isEqualTo("zh_CN");
        assertThat(old.clinic()).isNull();
        assertThat(old.clinician()).isNull();
    }

    @Test
    void missingFileGivesDefaultsWithoutModel() {
        Settings loaded = new SettingsStore(dir.resolve("none.json")).load();
        assertThat(loaded).isEqualTo(Settings.defaults());
        assertThat(loaded.engineSettings()).isNull();
    }

    @Test
    void unreadableFileGivesDefaultsAndIsKeptAside() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ broken");
        assertThat(new SettingsStore(file).load()).isEqualTo(Settings.defaults());
        assertThat(dir.resolve("settings.json.unreadable")).hasContent("{ broken");
    }

    @Test
    void directoriesFollowEachOperatingSystemsConvention() {
        Path home = Path.of("/home/dr");
        assertThat(AppDirectories.resolveRoot(null, Map.of(), "Linux", home))
                .isEqualTo(Path.of("/home/dr/.local/share/MedScribe"));
        assertThat(AppDirectories.resolveRoot(null, Map.of("XDG_DATA_HOME", "/x"), "Linux", home))
                .isEqualTo(Path.of("/x/MedScribe"));
        assertThat(AppDirectories.resolveRoot(null, Map.of("LOCALAPPDATA", "C:/Users/dr/AppData/Local"), "Windows 11",
                home)).isEqualTo(Path.of("C:/Users/dr/AppData/Local/MedScribe"));
        assertThat(AppDirectories.resolveRoot(null, Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/dr/Library/Application Support/MedScribe"));
        assertThat(AppDirectories.resolveRoot("/portable", Map.of(AppDirectories.ENVIRONMENT, "/env"), "Linux", home))
                .isEqualTo(Path.of("/portable"));
        assertThat(AppDirectories.resolveRoot(null, Map.of(AppDirectories.ENVIRONMENT, "/env"), "Linux", home))
                .isEqualTo(Path.of("/env"));
    }
}
