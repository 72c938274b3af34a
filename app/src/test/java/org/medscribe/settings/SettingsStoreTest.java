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
