package org.medscribe.record;

import java.util.List;

/**
 * A section of the record as the doctor keeps it (working draft, versions, the signed record).
 *
 * @param id             the template section id
 * @param title          its heading in the record's language, or null (records kept before titles were)
 * @param text           the text as shown
 * @param editedByDoctor the doctor changed it after drafting
 * @param notDocumented  the draft found nothing for it
 * @param aiWritten      the draft wrote it: an edit makes it AI-edited, otherwise typing makes it the doctor's
 * @param statements     the draft's statements while the doctor has not edited the section
 */
public record RecordSection(String id, String title, String text, boolean editedByDoctor, boolean notDocumented,
                            boolean aiWritten, List<Statement> statements) {

    public RecordSection {
        text = text == null ? "" : text;
        statements = statements == null ? List.of() : List.copyOf(statements);
    }

    /** {@code not_documented} when blank, {@code edited} when the doctor wrote or changed it, else {@code drafted}. */
    public String status() {
        return text.isBlank() ? "not_documented" : editedByDoctor || !aiWritten ? "edited" : "drafted";
    }
}
