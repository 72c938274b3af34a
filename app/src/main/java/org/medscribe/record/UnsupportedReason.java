package org.medscribe.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a statement's evidence did not verify. Each has a message key {@code draft.unsupported.<wire name>}. */
public enum UnsupportedReason {
    /** The statement cites nothing. */
    NO_CITATION("draft.unsupported.no_citation"),
    /** Every cited segment number is outside the sources. */
    NONEXISTENT_SEGMENT("draft.unsupported.nonexistent_segment"),
    /** A number in the statement is not in the cited segments. */
    NUMBER_MISMATCH("draft.unsupported.number_mismatch"),
    /** A drug in the statement is not in the cited segments. */
    DRUG_MISMATCH("draft.unsupported.drug_mismatch"),
    /** The statement's side (left/right) is not the cited segments' side. */
    LATERALITY_MISMATCH("draft.unsupported.laterality_mismatch"),
    /** The statement affirms what the cited segments deny, or the reverse. */
    NEGATION_MISMATCH("draft.unsupported.negation_mismatch"),
    /** Too few of the statement's words are in the cited segments. */
    LOW_OVERLAP("draft.unsupported.low_overlap"),
    /** The translated statement's numbers, drugs, side or negation differ from the fact it translates. */
    TRANSLATION_MISMATCH("draft.unsupported.translation_mismatch");

    private final String messageKey;

    UnsupportedReason(String messageKey) {
        this.messageKey = messageKey;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UnsupportedReason fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The reason named by its wire name ({@code low_overlap}) or its message key
     * ({@code draft.unsupported.low_overlap}, as kept records name it); null for null or an unknown name.
     */
    public static UnsupportedReason named(String name) {
        if (name == null) {
            return null;
        }
        for (UnsupportedReason reason : values()) {
            if (reason.messageKey.equals(name) || reason.wireName().equals(name.strip())) {
                return reason;
            }
        }
        return null;
    }

    /** The message key explaining this reason to the doctor. */
    public String messageKey() {
        return messageKey;
    }
}
