package org.medscribe.storage;

/** What the clinician did with a suggestion. */
public enum Decision { KEPT, EDITED, DISCARDED }
