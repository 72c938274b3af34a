package org.medscribe.app;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts the main window back where the user had it (size, position, maximized), fitted to the screen
 * it is on, and remembers its bounds while it is not maximized, so that a window closed maximized
 * comes back maximized over the size it had before. A dialog shown over it leaves it as it was.
 * FX thread.
 */
final class StagePlacement {

    /** The smallest window the layout is made for; a smaller screen gets its whole visible area. */
    static final double MIN_WIDTH = 1024;
    static final double MIN_HEIGHT = 640;

    private final Stage stage;
    private Rectangle2D normal;

    StagePlacement(Stage stage) {
        this.stage = stage;
        javafx.beans.InvalidationListener remember = observable -> {
            if (stage.isShowing() && !stage.isMaximized() && !stage.isIconified()) {
                normal = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener(remember);
        stage.yProperty().addListener(remember);
        stage.widthProperty().addListener(remember);
        stage.heightProperty().addListener(remember);
    }

    /** Size and position before the window is shown; its minimum size; maximized once it shows. */
    void restore(WindowPlacement placement) {
        Rectangle2D screen = screenOf(placement).getVisualBounds();
        WindowPlacement fitted = placement.fittedTo(screen);
        stage.setMaximized(false); // the normal bounds first, then maximized over them
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
        stage.setWidth(fitted.width());
        stage.setHeight(fitted.height());
        stage.setX(fitted.x());
        stage.setY(fitted.y());
        normal = new Rectangle2D(fitted.x(), fitted.y(), fitted.width(), fitted.height());
        stage.setMaximized(placement.maximized());
        if (placement.maximized() && !stage.isShowing()) {
            // Some window managers drop a maximize asked for before the window is mapped: again once shown.
            javafx.event.EventHandler<javafx.stage.WindowEvent> once = new javafx.event.EventHandler<>() {
                @Override
                public void handle(javafx.stage.WindowEvent event) {
                    stage.removeEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, this);
                    stage.setMaximized(true);
                }
            };
            stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, once);
        }
    }

    /** What to save: the bounds it had when last not maximized, and whether it is maximized now. */
    WindowPlacement current() {
        Rectangle2D bounds = normal != null ? normal
                : new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        return new WindowPlacement(bounds.getMinX(), bounds.getMinY(), bounds.getWidth(), bounds.getHeight(),
                stage.isMaximized());
    }

    /** A maximized window stays maximized while {@code dialog} shows and after it closes. */
    void keepThrough(Dialog<?> dialog) {
        if (!stage.isMaximized()) {
            return;
        }
        javafx.event.EventHandler<DialogEvent> keep = event -> {
            if (!stage.isMaximized()) {
                stage.setMaximized(true);
            }
        };
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, keep);
        dialog.addEventHandler(DialogEvent.DIALOG_HIDDEN, keep);
    }

    private static Screen screenOf(WindowPlacement placement) {
        if (Double.isNaN(placement.x()) || Double.isNaN(placement.y())) {
            return Screen.getPrimary();
        }
        return Screen.getScreensForRectangle(placement.x(), placement.y(), Math.max(1, placement.width()),
                Math.max(1, placement.height())).stream().findFirst().orElse(Screen.getPrimary());
    }
}
