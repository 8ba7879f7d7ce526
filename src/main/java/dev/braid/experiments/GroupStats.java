package dev.braid.experiments;

/** A metric over the runs of one group: how many runs logged a number for it, and its minimum, maximum and mean. */
public record GroupStats(int count, double min, double max, double mean) {
}
