package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The state of a section in a draft. */
public enum SectionStatus {
    /** Has statements (supported or not). */
    DRAFTED(null),
    /** The sources say nothing for it; left empty, never guessed. */
    NOT_DOCUMENTED("draft.section.notDocumented"),
    /** Generation stopped (cancelled) before the section was reached. */
    INCOMPLETE("draft.section.incomplete");

    private final String labelKey;

    SectionStatus(String labelKey) {
        this.labelKey = labelKey;
    }

    /** The message key of the placeholder shown in an empty section, or null for a drafted one. */
    public String labelKey() {
        return labelKey;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SectionStatus fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
