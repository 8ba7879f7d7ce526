package dev.braid.experiments.ui;

import dev.braid.experiments.MetricStats;

/**
 * A metric of one run as the detail lists it: latest value, its step and when it was logged, and
 * over the whole history the smallest and largest value and how many values were logged (empty
 * until the history is known).
 */
public record MetricRow(String key, String latest, long step, String loggedAt, String min, String max, String steps) {
    /** A row with only what the run's latest values say. */
    public MetricRow(String key, String latest, long step, String loggedAt) {
        this(key, latest, step, loggedAt, "", "", "");
    }

    /** The same row with statistics over the metric's history. */
    public MetricRow withStats(MetricStats stats) {
        return new MetricRow(key, latest, step, loggedAt, stats.min() == null ? "NaN" : RunFormats.number(stats.min()),
                stats.max() == null ? "NaN" : RunFormats.number(stats.max()), Integer.toString(stats.count()));
    }
}
