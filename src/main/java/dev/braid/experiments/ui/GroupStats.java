package dev.braid.experiments.ui;

/** A metric over the runs of one group: how many runs logged it, and its minimum, maximum and mean. */
public record GroupStats(int count, double min, double max, double mean) {
}
