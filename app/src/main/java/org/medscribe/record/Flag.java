package org.medscribe.record;

import java.util.List;

/**
 * A fact-check finding on a draft. Its values come from the record and its sources, so they are
 * patient data: show them, never log them.
 *
 * @param kind       what was found
 * @param severity   how much it matters
 * @param messageKey the explanation's message key
 * @param args       the key's arguments (the values concerned)
 * @param section    the section id, or null for the whole record
 * @param statement  index of the statement in the section, or null
 * @param values     the values concerned (e.g. {@code 500 mg}, {@code penicillin})
 */
public record Flag(FlagKind kind, FlagSeverity severity, String messageKey, List<String> args, String section,
        Integer statement, List<String> values) {

    public Flag {
        args = List.copyOf(args);
        values = List.copyOf(values);
    }

    public static Flag of(FlagKind kind, String section, Integer statement, List<String> values) {
        return new Flag(kind, kind.severity(), kind.messageKey(), List.of(String.join(", ", values)), section,
                statement, values);
    }
}
