package dev.braid.experiments;

/** One point of a metric history. {@code value} is null for NaN or an unparsable value. */
public record MetricPoint(long step, long timestamp, Double value) {
}
