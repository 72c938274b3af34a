package org.medscribe.storage;

/** Where a quality finding stands. */
public enum FindingStatus { OPEN, RESOLVED, OVERRIDDEN }
