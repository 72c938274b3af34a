package org.medscribe.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.io.TempDir;

class RealDataFolderGuardTest {

    @TempDir
    Path home;

    @Test
    void aFolderLeftAlonePasses() throws Exception {
        Path folder = Files.createDirectories(home.resolve("MedScribe/logs"));
        Files.writeString(folder.resolve("medscribe.log"), "earlier run\n");
        RealDataFolderGuard guard = new RealDataFolderGuard(home.resolve("MedScribe"));
        Object before = guard.snapshot();
        assertThatCode(() -> guard.check(before)).doesNotThrowAnyException();
    }

    @Test
    void aTestThatCreatesTheFolderFails() throws Exception {
        RealDataFolderGuard guard = new RealDataFolderGuard(home.resolve("MedScribe"));
        Object before = guard.snapshot();
        Files.createDirectories(home.resolve("MedScribe/logs"));
        Files.writeString(home.resolve("MedScribe/logs/medscribe.log"), "a test's log\n");
        assertThatThrownBy(() -> guard.check(before)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("real data folder").hasMessageContaining("medscribe.log");
    }

    @Test
    void aTestThatAppendsToAFileThereFails() throws Exception {
        Path log = Files.createDirectories(home.resolve("MedScribe/logs")).resolve("medscribe.log");
        Files.writeString(log, "earlier run\n");
        RealDataFolderGuard guard = new RealDataFolderGuard(home.resolve("MedScribe"));
        Object before = guard.snapshot();
        Files.writeString(log, "earlier run\nand a test's line\n");
        assertThatThrownBy(() -> guard.check(before)).hasMessageContaining("logs");
    }

    @Test
    void guardsEveryTestClassOfTheModule() {
        assertThat(ServiceLoader.load(Extension.class)).anyMatch(RealDataFolderGuard.class::isInstance);
        assertThat(RealDataFolderGuardTest.class.getResource("/junit-platform.properties")).isNotNull();
    }

    @Test
    void processesStartedByTestsGetTheirOwnDataHome() {
        // Set by the build for the test JVM, inherited by bin/medscribe and the workers it starts.
        assertThat(System.getenv("XDG_DATA_HOME")).as("XDG_DATA_HOME of the test JVM").isNotBlank()
                .contains("target");
        assertThat(AppDirectories.forCurrentUser().root().toString()).doesNotContain(".local/share");
    }
}
