package org.medscribe.storage;

/** A suggestion to keep: its kind (diagnosis, question, investigation, ...) and its JSON (encrypted). */
public record NewSuggestion(String kind, String contentJson, String modelProvenanceJson) {
}
