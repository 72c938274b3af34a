package org.medscribe.diagnosis;

/** A question worth asking the patient, and what its answer would change. */
public record FollowUpQuestion(String question, String purpose) {
}
