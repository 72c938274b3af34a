package org.medscribe.ui;

import java.util.List;

/**
 * One field of a small form asked for by {@link DialogService#askForm}: free text, a choice among
 * values (each shown as the message {@code choicePrefix + value}, none chosen = ""), or a date
 * (answered as ISO {@code yyyy-mm-dd}, none = ""). {@code initial} is the value the field starts with.
 */
public record FormField(String labelKey, Kind kind, String choicePrefix, List<String> choices, String initial) {

    public enum Kind { TEXT, CHOICE, DATE }

    public FormField {
        choices = choices == null ? List.of() : List.copyOf(choices);
        initial = initial == null ? "" : initial;
    }

    public static FormField text(String labelKey) {
        return new FormField(labelKey, Kind.TEXT, null, List.of(), "");
    }

    public static FormField choice(String labelKey, String choicePrefix, List<String> choices, String initial) {
        return new FormField(labelKey, Kind.CHOICE, choicePrefix, choices, initial);
    }

    public static FormField date(String labelKey, String initial) {
        return new FormField(labelKey, Kind.DATE, null, List.of(), initial);
    }
}
