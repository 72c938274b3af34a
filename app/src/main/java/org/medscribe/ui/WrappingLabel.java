package org.medscribe.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * A label that wraps its text and remembers its measured sizes until it changes. A plain wrapped
 * label lays its whole text out again for every size query, and its parents query it in every
 * layout pass that crosses it, even when nothing about the label changed: in a column of findings
 * or reasons next to a record that streams, that cost is paid every frame. Any change to the label
 * (text, font, graphic, style) requests its layout, which forgets the sizes.
 */
public class WrappingLabel extends Label {

    /** Sizes for the last few extents asked: layouts ask at one or two widths at a time. */
    private final double[] keys = new double[8];
    private final double[] values = new double[8];
    private int used;

    public WrappingLabel() {
        this("");
    }

    public WrappingLabel(String text) {
        this(text, null);
    }

    public WrappingLabel(String text, Node graphic) {
        super(text, graphic);
        setWrapText(true);
        // As tall as its wrapped lines: a box short of room would otherwise cut it to one line and "…".
        setMinHeight(USE_PREF_SIZE);
    }

    @Override
    public void requestLayout() {
        used = 0;
        super.requestLayout();
    }

    // Its minimum height is its preferred one (set above), so only the preferred sizes are measured.
    @Override
    protected double computePrefHeight(double width) {
        return remembered(0, width, () -> super.computePrefHeight(width));
    }

    @Override
    protected double computePrefWidth(double height) {
        return remembered(1, height, () -> super.computePrefWidth(height));
    }

    private double remembered(int kind, double extent, java.util.function.DoubleSupplier measure) {
        double key = kind * 1e9 + extent; // the kind keeps a height and a width asked at one extent apart
        for (int i = 0; i < used; i++) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        double value = measure.getAsDouble();
        if (used == keys.length) {
            System.arraycopy(keys, 1, keys, 0, used - 1);
            System.arraycopy(values, 1, values, 0, used - 1);
            used--;
        }
        keys[used] = key;
        values[used] = value;
        used++;
        return value;
    }
}
