package org.medscribe.app;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Walks every visible labelled node of a window as it is laid out and says what a reader cannot
 * read: a label whose laid-out text is shorter than its text (ellipsized, "…"), a prompt wider than
 * its field, a node cut off by the window's edge or by a clipping parent (a split pane's column, a
 * tab header), a window title with a mnemonic's underscore. Inside a scrolling area only the area
 * itself must be on screen: its content may scroll. A list or table cell that is cut may carry its
 * full text in a tooltip. FX thread.
 */
final class LayoutCheck {

    private static final double TOLERANCE = 1.0;

    private final List<String> problems = new ArrayList<>();
    private final String where;

    private LayoutCheck(String where) {
        this.where = where;
    }

    /** The problems of {@code window} after a CSS and layout pass, each naming {@code where} and the node. */
    static List<String> problems(Window window, String where) {
        LayoutCheck check = new LayoutCheck(where);
        Scene scene = window.getScene();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        if (window instanceof Stage stage && stage.getTitle() != null && stage.getTitle().contains("_")) {
            check.problems.add(where + ": window title shows a mnemonic underscore: " + stage.getTitle());
        }
        if (window.getWidth() > 0 && scene.getWidth() > window.getWidth() + TOLERANCE) {
            check.problems.add(where + ": scene wider than its window");
        }
        check.walk(scene.getRoot(), new BoundingBox(0, 0, scene.getWidth(), scene.getHeight()), false);
        return check.problems;
    }

    /**
     * @param visibleArea where {@code node} can be seen, in scene coordinates (the window, narrowed by
     *                    clipping parents)
     * @param scrolling   whether an ancestor scrolls (its content may lie outside it)
     */
    private void walk(Node node, Bounds visibleArea, boolean scrolling) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        Bounds area = visibleArea;
        if (node.getClip() != null && !scrolling) {
            Bounds clip = node.localToScene(node.getClip().getBoundsInParent());
            area = intersection(area, clip);
        }
        if (node instanceof Labeled labeled) {
            checkLabeled(labeled, area, scrolling);
        } else if (node instanceof Text text && !(node.getParent() instanceof Labeled)) {
            checkShown(text, text.getText(), area, scrolling);
        } else if (node instanceof TextInputControl input) {
            checkInput(input, area, scrolling);
            return; // the typed text scrolls inside the field
        }
        if (node instanceof Parent parent) {
            boolean inside = scrolling || scrolls(node);
            if (!scrolling && inside) {
                checkShown(node, node.getClass().getSimpleName(), area, false);
            }
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, area, inside);
            }
        }
    }

    private static boolean scrolls(Node node) {
        String type = node.getClass().getName();
        return node instanceof ScrollPane || type.endsWith(".VirtualFlow") || type.endsWith(".VirtualizedScrollPane")
                || type.endsWith("GenericStyledArea") || node instanceof TextArea
                || node.getStyleClass().contains("virtual-flow");
    }

    private void checkLabeled(Labeled labeled, Bounds area, boolean scrolling) {
        String full = labeled.getText();
        if (full == null || full.isEmpty()) {
            return;
        }
        String expected = labeled.isMnemonicParsing() ? withoutMnemonic(full) : full;
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text shown && child.getStyleClass().contains("text")) {
                if (!expected.equals(shown.getText()) && !explainedByTooltip(labeled, full)) {
                    problems.add(where + ": cut to \"" + shown.getText() + "\": " + describe(labeled) + " \""
                            + full + "\"");
                }
            }
        }
        checkShown(labeled, full, area, scrolling);
    }

    /** A cell of a list or table may be cut when its tooltip gives the whole text. */
    private static boolean explainedByTooltip(Labeled labeled, String full) {
        Tooltip tooltip = labeled.getTooltip();
        return labeled.getStyleClass().contains("cell") && tooltip != null && tooltip.getText() != null
                && tooltip.getText().contains(full);
    }

    private void checkInput(TextInputControl input, Bounds area, boolean scrolling) {
        String prompt = input.getPromptText();
        if (prompt != null && !prompt.isEmpty() && !(input instanceof TextArea)) {
            Text measure = new Text(prompt);
            measure.setFont(input.getFont());
            Insets insets = input.getInsets();
            double room = input.getWidth() - insets.getLeft() - insets.getRight();
            if (measure.getLayoutBounds().getWidth() > room + TOLERANCE) {
                problems.add(where + ": prompt cut: " + describe(input) + " \"" + prompt + "\"");
            }
        }
        checkShown(input, input.getPromptText(), area, scrolling);
    }

    private void checkShown(Node node, String what, Bounds area, boolean scrolling) {
        if (scrolling) {
            return;
        }
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        if (bounds.getWidth() <= 0 && bounds.getHeight() <= 0) {
            return;
        }
        if (bounds.getMinX() < area.getMinX() - TOLERANCE || bounds.getMaxX() > area.getMaxX() + TOLERANCE
                || bounds.getMinY() < area.getMinY() - TOLERANCE || bounds.getMaxY() > area.getMaxY() + TOLERANCE) {
            problems.add(where + ": clipped: " + describe(node) + " \"" + what + "\" at " + round(bounds)
                    + " outside " + round(area));
        }
    }

    private static String withoutMnemonic(String text) {
        int at = text.indexOf('_');
        return at >= 0 && at + 1 < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
    }

    private static Bounds intersection(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return new BoundingBox(minX, minY, Math.max(0, maxX - minX), Math.max(0, maxY - minY));
    }

    private static String describe(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node at = node; at != null; at = at.getParent()) {
            if (at.getId() != null) {
                path.insert(0, "#" + at.getId() + " ");
                break;
            }
        }
        return path + node.getClass().getSimpleName() + node.getStyleClass();
    }

    private static String round(Bounds b) {
        return String.format(java.util.Locale.ROOT, "[%.0f,%.0f %.0fx%.0f]", b.getMinX(), b.getMinY(), b.getWidth(),
                b.getHeight());
    }
}
