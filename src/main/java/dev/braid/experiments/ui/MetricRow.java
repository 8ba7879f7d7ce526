package dev.braid.experiments.ui;

/** A metric of one run as the detail lists it: latest value, its step and when it was logged. */
public record MetricRow(String key, String latest, long step, String loggedAt) {
}
