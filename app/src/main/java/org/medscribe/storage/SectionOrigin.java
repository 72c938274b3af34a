package org.medscribe.storage;

/** Who wrote a section of a draft version: the AI, the AI then the clinician, or the clinician alone. */
public enum SectionOrigin { AI, AI_EDITED, HUMAN }
