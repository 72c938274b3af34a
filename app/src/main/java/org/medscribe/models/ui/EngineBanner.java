package org.medscribe.models.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.medscribe.i18n.Messages;
import org.medscribe.ui.ListenerScope;
import org.medscribe.ui.PaneView;
import org.medscribe.ui.PaneParts;
import org.medscribe.ui.WrappingLabel;

/**
 * "The AI engine stopped unexpectedly — your work is safe", with Restart. Shown while the engine is
 * stopped or has given up restarting; everything that needs no model keeps working meanwhile.
 */
public final class EngineBanner extends PaneView<EngineStatusViewModel, HBox> {

    private final Label detail = new WrappingLabel();
    private final Button restart = new Button();

    public EngineBanner(EngineStatusViewModel engine, Messages messages) {
        super(engine, messages, new HBox(10));
    }


    @Override
    protected void build() {
        root.setId("engine-banner");
        root.getStyleClass().add("engine-banner");
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(8, 12, 8, 12));
        PaneParts.collapsing(root);
        Label text = new WrappingLabel(messages.get("engine.banner.crashed"), new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        text.getStyleClass().add("banner-text");
        PaneParts.note(detail, "banner-detail");
        // The message and what is happening wrap in the room the Restart button leaves.
        VBox texts = new VBox(2, text, detail);
        HBox.setHgrow(texts, Priority.ALWAYS);
        texts.setMaxWidth(Double.MAX_VALUE);
        PaneParts.action(restart, "engine-restart", messages.get("engine.banner.restart"), MaterialDesignR.RESTART,
                null, model::restart);
        restart.setMinWidth(Region.USE_PREF_SIZE);
        root.getChildren().addAll(texts, restart);
    }

    @Override
    protected void activate(ListenerScope scope) {
        scope.watch(model.crashed(), root::setVisible);
        scope.bind(restart.disableProperty(), model.loading());
        scope.watchAll(() -> {
            boolean gaveUp = model.state().get() == org.medscribe.inference.EngineState.FAILED;
            detail.setText(gaveUp && model.message().get() != null ? model.message().get().in(messages)
                    : messages.get("engine.banner.restarting"));
        }, model.state(), model.message());
    }
}
