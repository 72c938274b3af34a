package org.medscribe.quality;

/** Where a section of a record stands. */
public enum SectionStatus {
    /** Written by the draft (statements with evidence). */
    DRAFTED,
    /** The sources held nothing for it; left empty on purpose. */
    NOT_DOCUMENTED,
    /** Text the doctor wrote or rewrote. */
    EDITED
}
