package org.medscribe.storage;

/**
 * Minimal demographics of a new patient. Only {@code name} is required; {@code birthDate} is free
 * text as the clinic writes it (ISO {@code yyyy-mm-dd} preferred). All fields are encrypted at rest.
 */
public record NewPatient(String name, String recordNumber, String birthDate, String sex) {
}
