package org.medscribe.storage;

/** A clinician who may author edits and sign records. Staff data, stored in clear. */
public record Clinician(String id, String displayName, String role, boolean active) {
}
