package dev.braid.experiments.ui;

import dev.braid.experiments.MetricPoint;

/** What a metric chart's x axis measures; wall time is in epoch seconds, relative time in seconds. */
public enum XAxis {
    STEP("Step"),
    WALL_TIME("Wall time"),
    RELATIVE_TIME("Relative time (s)");

    private final String label;

    XAxis(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The x of {@code point} in a history whose first point was logged at {@code firstTimestamp}. */
    double x(MetricPoint point, long firstTimestamp) {
        return switch (this) {
            case STEP -> point.step();
            case WALL_TIME -> point.timestamp() / 1000.0;
            case RELATIVE_TIME -> (point.timestamp() - firstTimestamp) / 1000.0;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
