package org.medscribe.draft.ui;

import java.util.List;

/** Lays a record out as plain text for pasting into a hospital EMR. Pure; any thread. */
@FunctionalInterface
public interface RecordText {

    /** A section as written now (the doctor's text where edited). */
    record SectionText(String id, String title, String text) {
    }

    String format(RecordDrafting.Template template, List<SectionText> sections);
}
