package org.medscribe.capture.labs;

/** The abnormal flag a lab printed beside a result. */
public enum LabFlag {
    /** Above the reference range (H, High, ↑, 偏高). */
    H,
    /** Below the reference range (L, Low, ↓, 偏低). */
    L
}
