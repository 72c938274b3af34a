package org.medscribe.storage;

/** Severity of a quality finding. */
public enum Severity { INFO, WARNING, CRITICAL }
