package org.medscribe.inference.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.common.MedScribeException;

/** Where the native library is taken from; no library is loaded here. */
class NativeLibrariesTest {

    private static final String LIBRARY = System.mapLibraryName("jllama");

    @TempDir
    Path dir;

    @Test
    void aCustomFolderWithoutTheLibraryStopsWithItsName() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path missing = dir.resolve("missing");
        Path preset = withLibrary("preset");

        for (Path custom : new Path[] {empty, missing}) {
            assertThatThrownBy(() -> NativeLibraries.chooseDirectory(dir.resolve("natives"), custom,
                    preset.toString(), LIBRARY))
                    .isInstanceOfSatisfying(MedScribeException.class, e -> {
                        assertThat(e.category()).isEqualTo(MedScribeException.Category.BAD_INPUT);
                        assertThat(e.messageKey()).isEqualTo("engine.error.customLibraryMissing");
                        assertThat(e.arguments()).containsExactly(custom.toString(), LIBRARY);
                    });
        }
        assertThat(dir.resolve("natives")).doesNotExist();
    }

    @Test
    void theSettingsFolderWinsOverTheLibraryPathProperty() throws IOException {
        Path custom = withLibrary("custom");
        Path preset = withLibrary("preset");

        assertThat(NativeLibraries.chooseDirectory(dir.resolve("natives"), custom, preset.toString(), LIBRARY))
                .isEqualTo(custom.toAbsolutePath());
        assertThat(NativeLibraries.chooseDirectory(dir.resolve("natives"), null, preset.toString(), LIBRARY))
                .isEqualTo(preset.toAbsolutePath());
    }

    private Path withLibrary(String name) throws IOException {
        Path folder = Files.createDirectory(dir.resolve(name));
        Files.write(folder.resolve(LIBRARY), new byte[] {0});
        return folder;
    }
}
