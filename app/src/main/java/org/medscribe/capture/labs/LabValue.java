package org.medscribe.capture.labs;

import java.util.Objects;

/**
 * One result line of a lab report, e.g. {@code Potassium 3.2 mmol/L 3.5-5.1 L}.
 *
 * @param analyte what was measured, as printed ("Potassium", "白细胞计数(WBC)")
 * @param value the result as printed, with a comparator if any ("3.2", "<0.5")
 * @param numericValue the result as a number
 * @param unit the unit as printed, or null
 * @param referenceRange the reference range as printed ("3.5-5.1", "<200"), or null
 * @param low lower reference limit, or null
 * @param high upper reference limit, or null
 * @param flag H or L as printed (arrows and 偏高/偏低 included), or null
 * @param outOfRange true when flagged, or when the value lies outside the reference range
 * @param page 1-based page of the source document
 * @param start first character of the line in that page's text
 * @param end one past the last character of the line in that page's text
 */
public record LabValue(String analyte, String value, double numericValue, String unit, String referenceRange,
        Double low, Double high, LabFlag flag, boolean outOfRange, int page, int start, int end) {

    public LabValue {
        Objects.requireNonNull(analyte, "analyte");
        Objects.requireNonNull(value, "value");
    }
}
