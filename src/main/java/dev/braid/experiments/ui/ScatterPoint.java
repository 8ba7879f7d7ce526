package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;

/**
 * One run in the scatter plot. {@code x} and {@code y} run from 0 to 1 across the plot (runs on a
 * categorical axis spread a little within their category's band so they do not hide each other);
 * {@code shade} is the place on the colour gradient (0 to 1) for a numeric colour column, and
 * {@code category} the palette slot for a categorical one; both are absent (NaN, -1) when the run
 * has no colour value.
 */
public record ScatterPoint(RunSummary run, String name, double x, double y, double shade, int category,
                           String xText, String yText, String colourText) {
    boolean coloured() {
        return !Double.isNaN(shade) || category >= 0;
    }
}
