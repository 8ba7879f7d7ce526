package dev.braid.experiments.ui;

import java.util.List;

/**
 * What the colours of a plot mean: a gradient from {@code low} to {@code high} for a numeric
 * column, or one palette slot per category (in order) for a categorical one. {@link #NONE} when
 * points are not coloured by anything.
 */
public record ColourLegend(String title, boolean gradient, String low, String high, List<String> categories) {
    public static final ColourLegend NONE = new ColourLegend("", false, "", "", List.of());

    public ColourLegend {
        categories = List.copyOf(categories);
    }

    static ColourLegend of(PlotAxis axis) {
        if (axis == null) {
            return NONE;
        }
        if (axis.categorical()) {
            return new ColourLegend(axis.label(), false, "", "", axis.categories());
        }
        return Double.isNaN(axis.min()) ? new ColourLegend(axis.label(), true, "", "", List.of())
                : new ColourLegend(axis.label(), true, RunFormats.rounded(axis.min()), RunFormats.rounded(axis.max()), List.of());
    }

    public boolean none() {
        return !gradient && categories.isEmpty();
    }
}
