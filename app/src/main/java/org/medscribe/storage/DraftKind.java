package org.medscribe.storage;

/** How a draft version came about. */
public enum DraftKind { AI_GENERATION, CLINICIAN_EDIT }
