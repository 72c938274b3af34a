package org.medscribe.app;

import javafx.application.Application;
import org.medscribe.settings.AppDirectories;

/**
 * Starts the JavaFX application. A separate class from {@link MedScribeApplication} so that the
 * launcher's main class does not extend {@code Application} (JavaFX then starts from the class path).
 */
final class DesktopLauncher {

    private static volatile AppDirectories directories;

    private DesktopLauncher() {
    }

    static void launch(AppDirectories dirs) {
        directories = dirs;
        JavaFxClassPathNotice.silence();
        Application.launch(MedScribeApplication.class);
    }

    static AppDirectories directories() {
        return directories != null ? directories : AppDirectories.forCurrentUser();
    }
}
