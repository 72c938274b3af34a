package org.medscribe.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Fills a pane with a list of nodes a few per frame: building, styling and laying out a long list of
 * cards at once would hold the window still for a visible moment. The first nodes appear at once;
 * a new {@link #show} replaces what is shown and stops the previous filling. FX thread.
 */
public final class PacedChildren {

    private final Pane pane;
    private final int perFrame;
    private final List<Supplier<Node>> pending = new ArrayList<>();
    private int next;
    private boolean running;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            addNext();
        }
    };

    /** @param perFrame how many nodes are built per frame (at least one) */
    public PacedChildren(Pane pane, int perFrame) {
        this.pane = pane;
        this.perFrame = Math.max(1, perFrame);
    }

    /** Replaces the pane's children with {@code nodes}, built lazily in order. */
    public void show(List<Supplier<Node>> nodes) {
        pending.clear();
        pending.addAll(nodes);
        next = 0;
        pane.getChildren().clear();
        addNext();
    }

    /** True while some nodes are still to be added. */
    public boolean filling() {
        return next < pending.size();
    }

    private void addNext() {
        List<Node> batch = new ArrayList<>();
        while (next < pending.size() && batch.size() < perFrame) {
            batch.add(pending.get(next++).get());
        }
        pane.getChildren().addAll(batch);
        if (filling() && !running) {
            running = true;
            timer.start();
        } else if (!filling() && running) {
            running = false;
            timer.stop();
            pending.clear();
            next = 0;
        }
    }
}
