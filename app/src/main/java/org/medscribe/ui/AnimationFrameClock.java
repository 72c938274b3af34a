package org.medscribe.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.AnimationTimer;

/**
 * The app's {@link FrameClock}: one {@link AnimationTimer} that runs only while someone listens.
 * Subscribe and unsubscribe on the FX thread.
 */
public final class AnimationFrameClock implements FrameClock {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            for (Runnable listener : listeners) {
                listener.run();
            }
        }
    };
    private boolean running;

    @Override
    public Runnable everyFrame(Runnable onFrame) {
        listeners.add(onFrame);
        if (!running) {
            running = true;
            timer.start();
        }
        return () -> {
            listeners.remove(onFrame);
            if (listeners.isEmpty() && running) {
                running = false;
                timer.stop();
            }
        };
    }
}
