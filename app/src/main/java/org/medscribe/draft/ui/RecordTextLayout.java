package org.medscribe.draft.ui;

import java.util.List;

/**
 * The record as plain text for pasting into a hospital EMR: one heading per section in the record's
 * language, its text below, a blank line between sections; empty sections keep their heading so the
 * doctor sees what is still to fill. The view-model's own layout when no other is given (tests).
 */
final class RecordTextLayout implements RecordText {

    @Override
    public String format(RecordDrafting.Template template, List<SectionText> sections) {
        boolean chinese = template.language().startsWith("zh");
        StringBuilder out = new StringBuilder();
        for (SectionText section : sections) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(chinese ? section.title() + "：" : section.title().toUpperCase(java.util.Locale.ROOT) + ":")
                    .append('\n');
            String text = section.text().strip();
            out.append(text.isEmpty() ? "" : text).append('\n');
        }
        return out.toString();
    }
}
