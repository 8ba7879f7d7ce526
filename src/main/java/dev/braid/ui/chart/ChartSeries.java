package dev.braid.ui.chart;

import java.util.Objects;

/**
 * One line of a {@link MetricChart}: a name for the legend and its points. {@code x} must be sorted
 * ascending and finite (steps, or times in seconds); {@code y} may hold NaN or infinities, which the
 * chart draws as gaps. The arrays are used as given, not copied: do not change them afterwards.
 */
public record ChartSeries(String name, double[] x, double[] y) {
    public ChartSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
    }

    public int size() {
        return x.length;
    }
}
