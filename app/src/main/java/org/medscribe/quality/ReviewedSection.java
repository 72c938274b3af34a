package org.medscribe.quality;

import java.util.List;

/**
 * A section of a record as the checks see it.
 *
 * <p>{@link #text()} is the section's text <em>as shown to the doctor</em>, and every offset of a
 * finding refers to it: the section's plain {@code text} when the record has one (a section the
 * doctor edited), otherwise its statements joined by a line break ({@code "\n"}). A section that is
 * not documented has the empty text. Offsets are Java string indices (UTF-16 code units).
 *
 * @param id         the section's id in the record
 * @param title      its title in the record (may be empty)
 * @param status     drafted, not documented, or edited
 * @param text       the text as shown, see above
 * @param statements the statements located in {@code text}
 */
public record ReviewedSection(String id, String title, SectionStatus status, String text,
                             List<ReviewedStatement> statements) {

    public ReviewedSection {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        statements = List.copyOf(statements);
    }

    /** True when the section says something (not marked not-documented and not blank). */
    public boolean hasContent() {
        return status != SectionStatus.NOT_DOCUMENTED && !text.isBlank();
    }
}
