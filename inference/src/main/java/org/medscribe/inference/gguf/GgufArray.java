package org.medscribe.inference.gguf;

import java.util.List;
import java.util.Objects;

/**
 * A metadata array. Small arrays keep their elements; large ones (a 150,000-token vocabulary, its
 * merges and scores) keep only their element type and length, which is all admission needs, so the
 * header of a big model never costs hundreds of megabytes of Java objects.
 *
 * @param elementType type of every element
 * @param length      number of elements in the file
 * @param elements    the elements when {@link #retained()}, else empty; nested arrays are {@code GgufArray}
 */
public record GgufArray(GgufValueType elementType, long length, List<Object> elements) {

    public GgufArray {
        Objects.requireNonNull(elementType, "elementType");
        elements = List.copyOf(elements);
    }

    /** True when {@link #elements()} holds every element of the array. */
    public boolean retained() {
        return elements.size() == length;
    }
}
