package dev.braid.ui.chart;

/** How a {@link MetricChart} thins a series down to the pixels it has. Neither drops points at random. */
public enum Decimation {
    /** First, smallest, largest and last point of every pixel column: exact envelope, keeps every spike. */
    MIN_MAX,
    /** Largest-triangle-three-buckets: about one point per pixel, keeps the visual shape. */
    LTTB
}
