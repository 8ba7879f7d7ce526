package dev.braid.ui.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What a metric chart's x axis measures. The caller decides and builds the x arrays with
 * {@link #values}; the chart uses the mode for tick placement and labels only.
 */
public enum XAxisMode {
    /** The training step. */
    STEP("Step"),
    /** Wall-clock time, as epoch seconds. */
    WALL_TIME("Wall time"),
    /** Seconds since the series' first timestamp (or a given origin, such as the run's start). */
    RELATIVE_TIME("Relative time");

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d HH:mm");
    private final String label;

    XAxisMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The x values of this mode, from the steps and epoch-millisecond timestamps of one history. */
    public double[] values(long[] steps, long[] timestampsMillis) {
        return values(steps, timestampsMillis, timestampsMillis.length == 0 ? 0 : min(timestampsMillis));
    }

    /** As {@link #values(long[], long[])}, with relative time measured from {@code originMillis}. */
    public double[] values(long[] steps, long[] timestampsMillis, long originMillis) {
        long[] source = this == STEP ? steps : timestampsMillis;
        double[] x = new double[source.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (this) {
                case STEP -> source[i];
                case WALL_TIME -> source[i] / 1000.0;
                case RELATIVE_TIME -> (source[i] - originMillis) / 1000.0;
            };
        }
        return x;
    }

    AxisTicks ticks(double min, double max, int maxTicks) {
        return this == STEP ? AxisTicks.linear(min, max, maxTicks) : AxisTicks.time(min, max, maxTicks);
    }

    String label(AxisTicks ticks, double value, ZoneId zone) {
        return switch (this) {
            case STEP -> ticks.label(value);
            case WALL_TIME -> (ticks.step() >= 86400 ? DAY : CLOCK)
                    .format(Instant.ofEpochMilli(Math.round(value * 1000)).atZone(zone));
            case RELATIVE_TIME -> duration(value, ticks.step());
        };
    }

    /** 90 → "1m 30s"; 7200 → "2h"; sub-second steps keep decimals. */
    static String duration(double seconds, double step) {
        if (step < 1) {
            return new AxisTicks(new double[0], step).label(seconds) + "s";
        }
        long s = Math.round(Math.abs(seconds));
        String sign = seconds < 0 ? "-" : "";
        long d = s / 86400;
        long h = s / 3600 % 24;
        long m = s / 60 % 60;
        long sec = s % 60;
        StringBuilder text = new StringBuilder(sign);
        if (d > 0) {
            text.append(d).append("d ");
        }
        if (h > 0) {
            text.append(h).append("h ");
        }
        if (m > 0) {
            text.append(m).append("m ");
        }
        if (sec > 0 || text.length() == sign.length()) {
            text.append(sec).append("s");
        }
        return text.toString().strip();
    }

    private static long min(long[] values) {
        long min = Long.MAX_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}
