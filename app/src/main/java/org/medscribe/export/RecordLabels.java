package org.medscribe.export;

import org.medscribe.i18n.Messages;

/**
 * Field labels in the record's own language (a Chinese record exported from an English UI still
 * reads 姓名, 性别, 医师签名), from the message bundles.
 */
final class RecordLabels {

    private final Messages messages;
    private final boolean chinese;

    RecordLabels(RecordDocument record) {
        this.messages = new Messages(record.locale());
        this.chinese = record.chinese();
    }

    String get(String key, Object... arguments) {
        return messages.get(key, arguments);
    }

    /** A coded value (a sex, a kind of visit) in the record's language; as written when it is no known code. */
    String code(String prefix, String value) {
        return value == null ? null : messages.getOrDefault(prefix + value, value);
    }

    /** "主诉：" or "CHIEF COMPLAINT: " style separator after a label. */
    String colon() {
        return chinese ? "：" : ": ";
    }

    String title(RecordDocument record) {
        return record.title() != null ? record.title() : get("export.label.title");
    }

    /** Section heading as EMRs print it: English upper-case, Chinese as written. */
    String heading(RecordDocument.Section section) {
        String title = section.title() != null ? section.title() : section.id() != null ? section.id() : "";
        return chinese ? title : title.toUpperCase(java.util.Locale.ROOT);
    }
}
