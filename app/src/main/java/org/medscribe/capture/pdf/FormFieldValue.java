package org.medscribe.capture.pdf;

/**
 * A filled-in form field: what the person who filled the form entered.
 *
 * @param page 1-based page the field sits on (1 when the file does not say)
 * @param label the field's human-readable name (its tooltip) or else its internal name
 * @param value what was entered; "yes" for a ticked box; invisible characters removed
 * @param invisibleCharacters how many zero-width, bidi-control or tag characters were removed
 * @param smuggled ASCII text those tag characters spelled, empty if none
 */
public record FormFieldValue(int page, String label, String value, int invisibleCharacters, String smuggled) {
}
