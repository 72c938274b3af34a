package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a deterministic fact check found. Message key: {@code draft.flag.<wire name>}. */
public enum FlagKind {
    /** A number with a unit in the draft is not in the sources. */
    VALUE_NOT_IN_SOURCES("draft.flag.value_not_in_sources", FlagSeverity.WARNING),
    /** The number is in the sources, but with another unit. */
    UNIT_MISMATCH("draft.flag.unit_mismatch", FlagSeverity.WARNING),
    /** A dosing frequency in the draft (bid, 每日两次) is not in the sources. */
    FREQUENCY_NOT_IN_SOURCES("draft.flag.frequency_not_in_sources", FlagSeverity.WARNING),
    /** A drug in the draft is not in the sources. */
    DRUG_NOT_IN_SOURCES("draft.flag.drug_not_in_sources", FlagSeverity.CRITICAL),
    /** A drug in the sources is nowhere in the draft. */
    MEDICATION_OMITTED("draft.flag.medication_omitted", FlagSeverity.WARNING),
    /** An allergy in the sources is not in the draft. */
    ALLERGY_OMITTED("draft.flag.allergy_omitted", FlagSeverity.CRITICAL),
    /** The draft says no allergies while the sources name one. */
    ALLERGY_CONFLICT("draft.flag.allergy_conflict", FlagSeverity.CRITICAL),
    /** The draft's side (left/right) is not the side the sources give. */
    LATERALITY_CONFLICT("draft.flag.laterality_conflict", FlagSeverity.CRITICAL),
    /** The draft affirms what the sources deny, or the reverse. */
    NEGATION_CONFLICT("draft.flag.negation_conflict", FlagSeverity.CRITICAL),
    /** A date in the draft is not in the sources. */
    DATE_NOT_IN_SOURCES("draft.flag.date_not_in_sources", FlagSeverity.WARNING),
    /** A section is longer than its template allows. */
    SECTION_TOO_LONG("draft.flag.section_too_long", FlagSeverity.INFO);

    private final String messageKey;
    private final FlagSeverity severity;

    FlagKind(String messageKey, FlagSeverity severity) {
        this.messageKey = messageKey;
        this.severity = severity;
    }

    public FlagSeverity severity() {
        return severity;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FlagKind fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String messageKey() {
        return messageKey;
    }
}
