package org.medscribe.diagnosis;

/** A suggested test, and what it would settle. */
public record Investigation(String name, String reason) {
}
