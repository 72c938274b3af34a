package org.medscribe.quality;

import org.medscribe.record.Evidence;
import java.util.List;

/**
 * One statement of a section, located in the section's text.
 *
 * @param text              the statement
 * @param start             offset of the statement in its section's text (UTF-16 units)
 * @param end               end offset (exclusive)
 * @param supported         what the draft's evidence check said: true, false, or null when unknown
 *                          (a section the doctor rewrote is split into sentences with no verdict)
 * @param unsupportedReason the draft's reason code when unsupported, else null
 * @param evidence          the draft's evidence for the statement
 */
public record ReviewedStatement(String text, int start, int end, Boolean supported, String unsupportedReason,
                                List<Evidence> evidence) {

    public ReviewedStatement {
        evidence = List.copyOf(evidence);
    }
}
