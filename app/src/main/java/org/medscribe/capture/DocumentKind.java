package org.medscribe.capture;

/** What kind of file was imported. */
public enum DocumentKind {
    PDF,
    /** A photo or scan: PNG, JPEG or TIFF. */
    IMAGE
}
