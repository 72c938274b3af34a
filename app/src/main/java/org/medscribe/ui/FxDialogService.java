package org.medscribe.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.HostServices;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.medscribe.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's {@link DialogService}: JavaFX choosers and dialogs owned by the main window, in the
 * current UI language. UI thread.
 */
public final class FxDialogService implements DialogService {

    private static final Logger LOG = LoggerFactory.getLogger(FxDialogService.class);

    private final Supplier<Window> owner;
    private final Supplier<Messages> messages;
    private final HostServices host;
    private final Executor io;
    private final Consumer<String> toast;
    private final Consumer<Dialog<?>> styler;
    private final SaveFolder saveFolder = SaveFolder.ofUser();

    /**
     * @param toast  shows a short message in the main window (its notification area)
     * @param styler applies the theme and font to a dialog before it shows
     */
    public FxDialogService(Supplier<Window> owner, Supplier<Messages> messages, HostServices host, Executor io,
                           Consumer<String> toast, Consumer<Dialog<?>> styler) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.host = host;
        this.io = Objects.requireNonNull(io, "io");
        this.toast = Objects.requireNonNull(toast, "toast");
        this.styler = Objects.requireNonNull(styler, "styler");
    }

    private String text(String key, Object... arguments) {
        return messages.get().get(key, arguments);
    }

    @Override
    public Optional<Path> chooseModelFile(Path initialDirectory) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text("dialog.chooseModel.title"));
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter(text("dialog.chooseModel.filter"), "*.gguf"),
                new FileChooser.ExtensionFilter(text("dialog.allFiles"), "*"));
        if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
            chooser.setInitialDirectory(initialDirectory.toFile());
        }
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(file -> file.toPath());
    }

    @Override
    public Optional<Path> chooseDirectory(String titleKey, Path initialDirectory) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(text(titleKey));
        if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
            chooser.setInitialDirectory(initialDirectory.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(file -> file.toPath());
    }

    @Override
    public List<Path> chooseDocuments() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text("dialog.chooseDocuments.title"));
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter(text("dialog.chooseDocuments.filter"), "*.pdf", "*.png", "*.jpg",
                        "*.jpeg"),
                new FileChooser.ExtensionFilter(text("dialog.allFiles"), "*"));
        List<java.io.File> files = chooser.showOpenMultipleDialog(owner.get());
        List<Path> paths = new ArrayList<>();
        if (files != null) {
            files.forEach(file -> paths.add(file.toPath()));
        }
        return paths;
    }

    @Override
    public Optional<List<String>> askText(String titleKey, String bodyKey, List<String> bodyLines,
                                          List<String> fieldKeys) {
        Dialog<List<String>> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(text(titleKey));
        dialog.setHeaderText(text(titleKey));
        dialog.setResizable(true);
        VBox content = new VBox(10);
        content.setPadding(new Insets(12));
        content.setPrefWidth(ASK_WIDTH);
        if (bodyKey != null) {
            content.getChildren().add(wrapped(text(bodyKey), "ask-body"));
        }
        if (!bodyLines.isEmpty()) {
            javafx.scene.Node lines = linesOf(bodyLines);
            content.getChildren().add(lines);
            VBox.setVgrow(lines, Priority.ALWAYS);
        }
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, inputs);
        List<TextField> fields = new ArrayList<>();
        for (int i = 0; i < fieldKeys.size(); i++) {
            Label label = new Label(text(fieldKeys.get(i)));
            label.setMinWidth(Region.USE_PREF_SIZE);
            TextField field = new TextField();
            field.setId("ask-field-" + i);
            field.setPrefColumnCount(24);
            GridPane.setHgrow(field, javafx.scene.layout.Priority.ALWAYS);
            label.setLabelFor(field);
            grid.addRow(i, label, field);
            fields.add(field);
        }
        content.getChildren().add(grid);
        ButtonType ok = new ButtonType(text("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(text("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, cancel);
        dialog.getDialogPane().setContent(content);
        dialog.setResultConverter(button -> button == ok ? fields.stream().map(TextField::getText).toList() : null);
        dialog.setResizable(true);
        if (!fields.isEmpty()) {
            dialog.setOnShown(event -> fields.get(0).requestFocus());
        }
        styler.accept(dialog);
        return dialog.showAndWait();
    }

    /** Width of a prompt's text: lines wrap there, the dialog can be made wider. */
    private static final double ASK_WIDTH = 560;

    private static Label wrapped(String text, String id) {
        Label label = new WrappingLabel(text);
        label.setId(id);
        label.setMinHeight(Region.USE_PREF_SIZE); // wraps onto more lines, never cut short with "…"
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    /** Lines above which the prompt's items scroll (the dialog can still be made taller). */
    private static final int LINES_UNSCROLLED = 8;

    /**
     * The prompt's items (critical findings, say), one wrapped line each, the dialog as tall as they
     * are; beyond {@link #LINES_UNSCROLLED} they scroll.
     */
    private static javafx.scene.Node linesOf(List<String> bodyLines) {
        VBox list = new VBox(6);
        list.setId("ask-lines");
        list.setPadding(new Insets(2, 4, 2, 4));
        for (int i = 0; i < bodyLines.size(); i++) {
            Label line = wrapped("• " + bodyLines.get(i), "ask-line-" + i);
            line.getStyleClass().add("ask-line");
            list.getChildren().add(line);
        }
        if (bodyLines.size() <= LINES_UNSCROLLED) {
            return list;
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setId("ask-lines-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportHeight(LINES_UNSCROLLED * 40);
        return scroll;
    }

    @Override
    public Optional<List<String>> askForm(String titleKey, List<FormField> fields) {
        Dialog<List<String>> dialog = FormDialog.build(messages.get(), titleKey, fields);
        dialog.initOwner(owner.get());
        styler.accept(dialog);
        return dialog.showAndWait();
    }

    @Override
    public Optional<char[]> askPassword(String fileName, boolean wrongBefore) {
        Dialog<char[]> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(text("capture.password.title"));
        dialog.setHeaderText(text("capture.password.header", fileName));
        javafx.scene.control.PasswordField field = new javafx.scene.control.PasswordField();
        field.setId("pdf-password");
        field.setPrefColumnCount(24);
        Label label = new Label(text("capture.password.field"));
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(field);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, label, field);
        if (wrongBefore) {
            Label wrong = new Label(text("capture.pdf.password.wrong"));
            wrong.setId("pdf-password-wrong");
            wrong.getStyleClass().add("field-error");
            grid.add(wrong, 1, 1);
        }
        ButtonType ok = new ButtonType(text("capture.password.open"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(text("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, cancel);
        dialog.getDialogPane().setContent(grid);
        // The typed text lives only in the field; it is handed over as characters and the field cleared.
        dialog.setResultConverter(button -> {
            char[] typed = button == ok ? field.getText().toCharArray() : null;
            field.clear();
            return typed;
        });
        dialog.setOnShown(event -> field.requestFocus());
        styler.accept(dialog);
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> chooseSaveFile(String titleKey, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text(titleKey));
        chooser.setInitialFileName(suggestedName);
        int dot = suggestedName.lastIndexOf('.');
        if (dot > 0) {
            String extension = suggestedName.substring(dot);
            chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter(extension.substring(1)
                    .toUpperCase(java.util.Locale.ROOT), "*" + extension));
        }
        Path folder = saveFolder.initial();
        if (folder != null) {
            chooser.setInitialDirectory(folder.toFile());
        }
        Optional<Path> chosen = Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(file -> file.toPath());
        chosen.ifPresent(saveFolder::used);
        return chosen;
    }

    @Override
    public Optional<Path> chooseImage() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text("settings.field.clinicLogo"));
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter(text("dialog.chooseImage.filter"), "*.png", "*.jpg", "*.jpeg"));
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(file -> file.toPath());
    }

    @Override
    public boolean confirm(String titleKey, String messageKey, Object... arguments) {
        ButtonType yes = new ButtonType(text("dialog.yes"), ButtonBar.ButtonData.YES);
        ButtonType no = new ButtonType(text("dialog.no"), ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text(messageKey, arguments), yes, no);
        alert.initOwner(owner.get());
        alert.setTitle(text(titleKey));
        alert.setHeaderText(null);
        alert.setResizable(true);
        styler.accept(alert);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public void warn(String titleKey, List<MessageKey> lines) {
        Alert alert = new Alert(Alert.AlertType.WARNING, lines.stream().map(line -> line.in(messages.get()))
                .collect(java.util.stream.Collectors.joining("\n\n")),
                new ButtonType(text("dialog.ok"), ButtonBar.ButtonData.OK_DONE));
        alert.initOwner(owner.get());
        alert.setTitle(text(titleKey));
        alert.setHeaderText(null);
        alert.getDialogPane().setId("storage-warning");
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.setResizable(true);
        styler.accept(alert);
        alert.show(); // not showAndWait: the window behind stays usable for reading records
    }

    @Override
    public void showUnexpectedError(String errorCode) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        alert.setTitle(text("error.dialog.title"));
        alert.setHeaderText(text("error.dialog.header"));
        alert.setContentText(text("error.dialog.body", errorCode));
        alert.getButtonTypes().setAll(new ButtonType(text("dialog.ok"), ButtonBar.ButtonData.OK_DONE));
        alert.getDialogPane().setId("unexpected-error");
        alert.setResizable(true);
        styler.accept(alert);
        alert.show();
    }

    @Override
    public void notify(String messageKey, Object... arguments) {
        toast.accept(text(messageKey, arguments));
    }

    @Override
    public void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @Override
    public void openFolder(Path folder) {
        io.execute(() -> {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                LOG.warn("could not create {}", folder, e);
            }
            if (host != null) {
                host.showDocument(folder.toUri().toString());
            }
        });
    }
}
