package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.chart.AxisTicks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * One column of the compared runs laid along a plot axis. Every run gets a position from 0 (the
 * smallest value, or the first category) to 1, or NaN where it has no value. A column whose
 * values all read as numbers is numeric and scaled linearly between its minimum and maximum; any
 * other column is categorical, its sorted distinct values evenly spaced at the centres of equal
 * bands, so a param like {@code model} sits beside numeric ones.
 */
public final class PlotAxis {
    /** A labelled mark on the axis at {@code position} (0 to 1). */
    public record Tick(double position, String label) {
    }

    private final RunColumn column;
    private final boolean categorical;
    private final String[] texts;
    private final double[] positions;
    private final List<String> categories;
    private final double min;
    private final double max;

    private PlotAxis(RunColumn column, boolean categorical, String[] texts, double[] positions, List<String> categories,
                     double min, double max) {
        this.column = column;
        this.categorical = categorical;
        this.texts = texts;
        this.positions = positions;
        this.categories = categories;
        this.min = min;
        this.max = max;
    }

    /** Lays {@code column} of {@code runs} out on an axis, in the order of {@code runs}. */
    static PlotAxis of(RunColumn column, List<RunSummary> runs) {
        String[] texts = new String[runs.size()];
        double[] numbers = new double[runs.size()];
        boolean numeric = true;
        boolean any = false;
        for (int i = 0; i < texts.length; i++) {
            texts[i] = PlotColumns.text(runs.get(i), column);
            numbers[i] = texts[i] == null ? Double.NaN : PlotColumns.number(runs.get(i), column);
            if (texts[i] != null) {
                any = true;
                numeric &= !Double.isNaN(numbers[i]);
            }
        }
        if (numeric && any) {
            double lo = Arrays.stream(numbers).filter(v -> !Double.isNaN(v)).min().orElse(0);
            double hi = Arrays.stream(numbers).filter(v -> !Double.isNaN(v)).max().orElse(0);
            double[] positions = new double[numbers.length];
            for (int i = 0; i < numbers.length; i++) {
                // A column where every run agrees has no spread to show: its runs sit mid-axis.
                positions[i] = Double.isNaN(numbers[i]) ? Double.NaN : hi > lo ? (numbers[i] - lo) / (hi - lo) : 0.5;
            }
            return new PlotAxis(column, false, texts, positions, List.of(), lo, hi);
        }
        TreeSet<String> distinct = new TreeSet<>();
        for (String text : texts) {
            if (text != null) {
                distinct.add(text);
            }
        }
        List<String> categories = List.copyOf(distinct);
        double[] positions = new double[texts.length];
        for (int i = 0; i < texts.length; i++) {
            positions[i] = texts[i] == null ? Double.NaN : categoryPosition(categories.indexOf(texts[i]), categories.size());
        }
        return new PlotAxis(column, true, texts, positions, categories, Double.NaN, Double.NaN);
    }

    /** The centre of category {@code index} of {@code count} equal bands. */
    static double categoryPosition(int index, int count) {
        return (index + 0.5) / count;
    }

    RunColumn column() {
        return column;
    }

    String label() {
        return PlotColumns.label(column);
    }

    boolean categorical() {
        return categorical;
    }

    /** How many runs the axis was made from. */
    int size() {
        return positions.length;
    }

    /** Run {@code run}'s place on the axis, 0 to 1, or NaN when it has no value. */
    double position(int run) {
        return positions[run];
    }

    /** Run {@code run}'s value as text, or null. */
    String text(int run) {
        return texts[run];
    }

    /** The index of run {@code run}'s category, or -1 for numeric axes and missing values. */
    int category(int run) {
        return categorical && texts[run] != null ? categories.indexOf(texts[run]) : -1;
    }

    /** Distinct values in axis order; empty for numeric axes. */
    List<String> categories() {
        return categories;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** The value at {@code position} on a numeric axis (for brush labels); NaN on categorical ones. */
    double valueAt(double position) {
        return categorical ? Double.NaN : max > min ? min + position * (max - min) : min;
    }

    /** Labelled marks: nice round numbers, or every category (thinned to about {@code most}). */
    List<Tick> ticks(int most) {
        List<Tick> ticks = new ArrayList<>();
        if (categorical) {
            int stride = Math.max(1, (int) Math.ceil(categories.size() / (double) Math.max(1, most)));
            for (int i = 0; i < categories.size(); i += stride) {
                ticks.add(new Tick(categoryPosition(i, categories.size()), categories.get(i)));
            }
        } else if (Double.isNaN(min)) {
            return ticks;
        } else if (!(max > min)) {
            ticks.add(new Tick(0.5, RunFormats.rounded(min)));
        } else {
            AxisTicks nice = AxisTicks.linear(min, max, most);
            for (double value : nice.values()) {
                ticks.add(new Tick((value - min) / (max - min), nice.label(value)));
            }
        }
        return ticks;
    }
}
