package org.medscribe.storage;

import java.time.Instant;

/** A patient as read back (decrypted). */
public record Patient(String id, String name, String recordNumber, String birthDate, String sex, Instant createdAt) {
}
