package dev.braid.experiments;

import java.util.List;

/**
 * One metric of one run over its whole history: how many values were logged (one per step in
 * the usual case), and the smallest and largest of them. NaN values count as logged but are left
 * out of min and max, which are null when no value is a number.
 */
public record MetricStats(int count, Double min, Double max) {
    /** The statistics of a history as fetched or cached. */
    public static MetricStats of(List<MetricPoint> points) {
        Double min = null;
        Double max = null;
        for (MetricPoint p : points) {
            Double v = p.value();
            if (v == null || v.isNaN()) {
                continue;
            }
            min = min == null ? v : Math.min(min, v);
            max = max == null ? v : Math.max(max, v);
        }
        return new MetricStats(points.size(), min, max);
    }
}
