package org.medscribe.storage;

import java.util.Map;

/** The doctor's current text of a draft and each section's origin, as the editor holds it. */
public record DraftEdit(String contentJson, Map<String, SectionOrigin> sectionOrigins) {

    public DraftEdit {
        sectionOrigins = sectionOrigins == null ? Map.of() : Map.copyOf(sectionOrigins);
    }
}
