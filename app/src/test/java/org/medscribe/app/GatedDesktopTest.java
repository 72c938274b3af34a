package org.medscribe.app;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.medscribe.draft.ui.RecordViewModel;
import org.medscribe.inference.testing.TestModels;
import org.medscribe.settings.Settings;
import org.testfx.api.FxRobot;

/**
 * A test class of the whole desktop on the real engine (the tiny model) whose drafting is the app's
 * own behind a {@link GatedDrafting}: one window, engine and store for the class, closed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatedDesktopTest {

    @TempDir
    static Path dataDir;

    DesktopHarness harness;
    GatedDrafting gate;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    void start() throws Exception {
        harness = DesktopHarness.startGated(dataDir, Settings.defaults().withModelPath(TestModels.languageModel()));
        gate = harness.gate;
    }

    @AfterAll
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    RecordViewModel record() {
        return harness.workspace().record();
    }
}
