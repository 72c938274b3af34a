package org.medscribe.record;

import java.util.List;

/**
 * A section of a draft record.
 *
 * @param id         the template section id
 * @param title      its heading in the record's language
 * @param kind       list or prose layout
 * @param required   whether the template requires it
 * @param status     drafted, not documented, or incomplete (generation stopped first)
 * @param statements in order
 */
public record DraftSection(String id, String title, SectionKind kind, boolean required, SectionStatus status,
        List<Statement> statements) {

    public DraftSection {
        statements = List.copyOf(statements);
    }

    /** The section as plain text: statements one per line (list) or joined (prose). */
    public String plainText() {
        StringBuilder b = new StringBuilder();
        for (Statement statement : statements) {
            if (!b.isEmpty()) {
                b.append(kind == SectionKind.LIST ? "\n" : " ");
            }
            b.append(statement.text());
        }
        return b.toString();
    }
}
