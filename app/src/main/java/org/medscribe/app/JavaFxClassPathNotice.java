package org.medscribe.app;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Keeps JavaFX's start-up warning "Unsupported JavaFX configuration: classes were loaded from
 * 'unnamed module …'" off the user's terminal. MedScribe runs JavaFX from the class path on purpose:
 * {@code bin/medscribe} and the jpackage launcher put every jar there, the installer strips JavaFX's
 * native libraries out of its jars and loads them from {@code natives/javafx}, and the headless
 * tests need Monocle, whose classes share a package with {@code javafx.graphics}. Any other JavaFX
 * warning still shows.
 */
final class JavaFxClassPathNotice {

    static final String WARNING_START = "Unsupported JavaFX configuration";

    /** JavaFX's platform logger as java.util.logging knows it; held so that the filter stays. */
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    private JavaFxClassPathNotice() {
    }

    /** Call before the JavaFX toolkit starts. */
    static void silence() {
        Filter previous = JAVAFX.getFilter();
        JAVAFX.setFilter(record -> !(record.getMessage() != null && record.getMessage().startsWith(WARNING_START))
                && (previous == null || previous.isLoggable(record)));
    }
}
