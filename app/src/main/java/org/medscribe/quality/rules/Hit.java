package org.medscribe.quality.rules;

import java.util.List;
import org.medscribe.clinical.TextSpan;
import org.medscribe.record.Evidence;

/** Where a check found its defect, before the rule's severity and messages are attached. */
record Hit(String section, TextSpan span, List<Object> arguments, String detail, List<Evidence> evidence) {

    Hit {
        arguments = List.copyOf(arguments);
        evidence = List.copyOf(evidence);
    }

    static Hit at(String section, TextSpan span, Object... arguments) {
        return new Hit(section, span, List.of(arguments), null, List.of());
    }

    static Hit whole(String section, String text, Object... arguments) {
        return at(section, new TextSpan(0, text.length()), arguments);
    }
}
