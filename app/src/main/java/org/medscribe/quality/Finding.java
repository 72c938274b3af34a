package org.medscribe.quality;

import org.medscribe.record.Severity;
import org.medscribe.record.Evidence;
import java.util.List;
import java.util.Objects;

/**
 * One thing quality control found in a record. Immutable.
 *
 * @param rule       rule id ({@code cc.too_long}, {@code model.contradiction})
 * @param severity   critical findings block signing; see {@link SigningGate}
 * @param source     a deterministic rule, or the language model
 * @param section    the id of the record's section it points at (the template's section id when the
 *                   record lacks the section altogether)
 * @param start      start of the span in the section's text as shown ({@link ReviewedSection#text()}),
 *                   UTF-16 units; {@code start == end == 0} for a section that is absent or empty
 * @param end        end of the span (exclusive)
 * @param messageKey bundle key of the message (both bundles have it)
 * @param fixKey     bundle key of the suggested fix
 * @param arguments  message arguments: numbers, {@link Term}s; never patient text
 * @param evidence   where in the sources the finding rests (model findings always have some)
 * @param detail     free text that is not ours to translate: the model's explanation, or the
 *                   draft's reason code; null when none
 */
public record Finding(String rule, Severity severity, FindingSource source, String section, int start, int end,
                      String messageKey, String fixKey, List<Object> arguments, List<Evidence> evidence,
                      String detail) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(fixKey, "fixKey");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span " + start + ".." + end);
        }
        arguments = List.copyOf(arguments);
        evidence = List.copyOf(evidence);
    }

    public boolean blocksSigning() {
        return severity == Severity.CRITICAL;
    }
}
