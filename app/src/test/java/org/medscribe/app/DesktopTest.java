package org.medscribe.app;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A test of the whole desktop, one fresh data directory a test: it starts {@link #harness} as it
 * needs, and the window, engine and store are closed after it.
 */
abstract class DesktopTest {

    @TempDir
    Path dataDir;

    DesktopHarness harness;
    final FxRobot robot = new FxRobot();

    @AfterEach
    void closeDesktop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    Workspace workspace() {
        return harness.workspace();
    }
}
