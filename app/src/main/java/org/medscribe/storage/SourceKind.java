package org.medscribe.storage;

/** What a source is. */
public enum SourceKind { NOTE, TRANSCRIPT, DICTATION, DOCUMENT }
