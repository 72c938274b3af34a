package org.medscribe.ui;

import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import org.medscribe.i18n.Messages;

/**
 * A view built in code over one view-model: its nodes are built once, when the view is first asked
 * for its root, and it listens to the view-model only while that root is in a scene
 * ({@link ListenerScope#whileShown}). UI thread.
 *
 * @param <M> the view-model
 * @param <R> the root node
 */
public abstract class PaneView<M, R extends Region> {

    protected final M model;
    protected final Messages messages;
    protected final R root;
    private boolean built;

    protected PaneView(M model, Messages messages, R root) {
        this.model = Objects.requireNonNull(model, "model");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.root = root;
    }

    /** The view's node, built at the first call. */
    public final Node root() {
        if (!built) {
            built = true;
            build();
            ListenerScope.whileShown(root, this::activate);
        }
        return root;
    }

    /** Builds the nodes under {@link #root}. */
    protected abstract void build();

    /** Registers the listeners the view needs while it is shown, in {@code scope}. */
    protected abstract void activate(ListenerScope scope);
}
