package org.medscribe.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import org.medscribe.i18n.Messages;

/**
 * The dialog of {@link DialogService#askForm}: a label and a control per field (text field, drop-down,
 * date picker that reads and writes ISO dates), OK and Cancel. Controls are {@code #form-field-<n>}.
 */
final class FormDialog {

    private final Messages messages;
    private final List<Supplier<String>> answers = new ArrayList<>();

    private FormDialog(Messages messages) {
        this.messages = messages;
    }

    /** A dialog ready to show (not yet styled or owned). */
    static Dialog<List<String>> build(Messages messages, String titleKey, List<FormField> fields) {
        return new FormDialog(messages).dialog(titleKey, fields);
    }

    private Dialog<List<String>> dialog(String titleKey, List<FormField> fields) {
        Dialog<List<String>> dialog = new Dialog<>();
        dialog.setTitle(messages.get(titleKey));
        dialog.setHeaderText(messages.get(titleKey));
        dialog.setResizable(true);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        List<Control> controls = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            FormField field = fields.get(i);
            Control control = switch (field.kind()) {
                case TEXT -> text(field);
                case CHOICE -> choice(field);
                case DATE -> date(field);
            };
            control.setId("form-field-" + i);
            Label label = new Label(messages.get(field.labelKey()));
            label.setMinWidth(Control.USE_PREF_SIZE);
            label.setLabelFor(control);
            grid.addRow(i, label, control);
            controls.add(control);
        }
        ButtonType ok = new ButtonType(messages.get("dialog.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(messages.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, cancel);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("form-dialog");
        dialog.setResultConverter(button -> button == ok ? answers.stream().map(Supplier::get).toList() : null);
        if (!controls.isEmpty()) {
            dialog.setOnShown(event -> controls.get(0).requestFocus());
        }
        return dialog;
    }

    private Control text(FormField field) {
        TextField text = new TextField(field.initial());
        text.setPrefColumnCount(24);
        answers.add(text::getText);
        return text;
    }

    private Control choice(FormField field) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().add("");
        box.getItems().addAll(field.choices());
        StringConverter<String> names = new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isEmpty() ? messages.get("dialog.form.none")
                        : messages.get(field.choicePrefix() + value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
        box.setConverter(names);
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : names.toString(item));
            }
        });
        box.setValue(field.choices().contains(field.initial()) ? field.initial() : "");
        box.setMaxWidth(Double.MAX_VALUE);
        answers.add(() -> box.getValue() == null ? "" : box.getValue());
        return box;
    }

    /** A date picker that shows and reads ISO dates (1980-03-02): the same in every language. */
    private Control date(FormField field) {
        DatePicker picker = new DatePicker();
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return date == null ? "" : date.toString();
            }

            @Override
            public LocalDate fromString(String text) {
                try {
                    return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        });
        picker.setPromptText(messages.get("dialog.form.datePrompt"));
        picker.setValue(picker.getConverter().fromString(field.initial()));
        picker.setMaxWidth(Double.MAX_VALUE);
        answers.add(() -> {
            // What was typed counts even when the doctor did not press Enter in the field.
            String raw = picker.getEditor().getText();
            if (raw == null || raw.isBlank()) {
                return "";
            }
            LocalDate typed = picker.getConverter().fromString(raw);
            LocalDate date = typed != null ? typed : picker.getValue();
            return date == null ? "" : date.toString();
        });
        return picker;
    }
}
