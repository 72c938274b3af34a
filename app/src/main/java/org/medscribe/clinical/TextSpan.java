package org.medscribe.clinical;

/** A span of a text (UTF-16 offsets, end exclusive). */
public record TextSpan(int start, int end) {

    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span " + start + ".." + end);
        }
    }

    public boolean overlaps(TextSpan other) {
        return start < other.end && other.start < end;
    }

    public String of(String text) {
        return text.substring(start, end);
    }
}
