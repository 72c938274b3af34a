package org.medscribe.review.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Window;
import org.medscribe.i18n.Messages;
import org.medscribe.review.TextDiff;

/**
 * A signed version read-only, or two signed versions side by side with what changed marked: removed
 * text struck through in the older version, added text underlined in the newer one. Resizable.
 */
final class VersionDialog {

    private VersionDialog() {
    }

    /** Signed version {@code version} to read; its text cannot be edited. */
    static Dialog<Void> reading(Window owner, Messages messages, SigningViewModel.VersionText version) {
        TextArea text = new TextArea(version.text());
        text.setId("version-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(640, 480);
        return dialog(owner, messages, messages.get("signing.version.title", version.version()), text);
    }

    /** The older version on the left, the newer on the right. */
    static Dialog<Void> comparing(Window owner, Messages messages, SigningViewModel.Comparison comparison) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.add(title(messages.get("signing.compare.older", comparison.older())), 0, 0);
        grid.add(title(messages.get("signing.compare.newer", comparison.newer())), 1, 0);
        grid.add(column("compare-older", comparison.pieces(), TextDiff.Kind.REMOVED), 0, 1);
        grid.add(column("compare-newer", comparison.pieces(), TextDiff.Kind.ADDED), 1, 1);
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(half, half);
        javafx.scene.layout.RowConstraints grow = new javafx.scene.layout.RowConstraints();
        grow.setVgrow(Priority.ALWAYS);
        grid.getRowConstraints().setAll(new javafx.scene.layout.RowConstraints(), grow);
        Label legend = new Label(messages.get("signing.compare.legend"));
        legend.setWrapText(true);
        legend.getStyleClass().add("hint");
        VBox content = new VBox(8, legend, grid);
        VBox.setVgrow(grid, Priority.ALWAYS);
        Dialog<Void> dialog = dialog(owner, messages, messages.get("signing.compare.title", comparison.older(),
                comparison.newer()), content);
        dialog.getDialogPane().setPrefSize(980, 620);
        return dialog;
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("subsection-title");
        return label;
    }

    /** One side: the text both share, and what only this side has, marked. */
    private static Node column(String id, List<TextDiff.Piece> pieces, TextDiff.Kind mine) {
        TextFlow flow = new TextFlow();
        flow.setId(id);
        flow.setPadding(new Insets(6));
        for (TextDiff.Piece piece : pieces) {
            if (piece.kind() == TextDiff.Kind.SAME || piece.kind() == mine) {
                Text text = new Text(piece.text());
                text.getStyleClass().add(piece.kind() == TextDiff.Kind.SAME ? "diff-same"
                        : mine == TextDiff.Kind.REMOVED ? "diff-removed" : "diff-added");
                flow.getChildren().add(text);
            }
        }
        ScrollPane scroll = new ScrollPane(flow);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("version-column");
        return scroll;
    }

    private static Dialog<Void> dialog(Window owner, Messages messages, String title, Node content) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("version-dialog");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(new ButtonType(messages.get("dialog.close"),
                ButtonBar.ButtonData.CANCEL_CLOSE));
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            dialog.getDialogPane().setStyle(owner.getScene().getRoot().getStyle());
        }
        return dialog;
    }
}
