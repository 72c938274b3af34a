package org.medscribe.ui;

/**
 * Calls back once per rendered frame, on the UI thread. In the app it is an {@code AnimationTimer}
 * ({@link AnimationFrameClock}); view-model tests tick it by hand. Screens drain their
 * {@link StreamBuffer}s from it, so a stream of tokens costs at most one UI update per frame.
 */
@FunctionalInterface
public interface FrameClock {

    /** Calls {@code onFrame} every frame until the returned handle is run. */
    Runnable everyFrame(Runnable onFrame);
}
