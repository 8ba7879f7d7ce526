package dev.braid.ui.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick positions for chart axes: "nice numbers" (1, 2 or 5 times a power of ten) on linear axes,
 * powers of ten on log axes, and round seconds, minutes, hours or days on time axes.
 *
 * @param values tick positions in data units, ascending
 * @param step   distance between ticks (for log axes: in decades), used to choose label precision
 */
public record AxisTicks(double[] values, double step) {
    private static final double[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
        21600, 43200, 86400, 172800, 604800, 2592000, 7776000, 31536000};

    /** About {@code maxTicks} nice ticks within {@code [min, max]}. */
    public static AxisTicks linear(double min, double max, int maxTicks) {
        if (!(max > min) || !Double.isFinite(max - min)) {
            return new AxisTicks(Double.isFinite(min) ? new double[] {min} : new double[0], 1);
        }
        double step = nice((max - min) / Math.max(1, maxTicks - 1));
        return new AxisTicks(steps(min, max, step), step);
    }

    /** Nice number closest above {@code raw}: 1, 2, 5 or 10 times a power of ten. */
    static double nice(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static double[] steps(double min, double max, double step) {
        List<Double> ticks = new ArrayList<>();
        double first = Math.ceil(min / step - 1e-9);
        for (double k = first; k * step <= max + step * 1e-9 && ticks.size() < 1000; k++) {
            double value = k * step;
            ticks.add(Math.abs(value) < step * 1e-9 ? 0 : value);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Ticks for a log axis showing {@code [min, max]} (positive values): every power of ten, or every
     * k-th one when there are too many; when less than two powers fit, nice linear ticks instead.
     */
    public static AxisTicks log(double min, double max, int maxTicks) {
        double lo = Math.ceil(Math.log10(min) - 1e-9);
        double hi = Math.floor(Math.log10(max) + 1e-9);
        if (hi - lo < 1) {
            AxisTicks linear = linear(min, max, maxTicks);
            double[] positive = java.util.Arrays.stream(linear.values).filter(v -> v > 0).toArray();
            return new AxisTicks(positive, linear.step);
        }
        double stride = Math.max(1, Math.ceil((hi - lo + 1) / Math.max(1, maxTicks)));
        List<Double> ticks = new ArrayList<>();
        for (double e = lo; e <= hi; e += stride) {
            ticks.add(Math.pow(10, e));
        }
        return new AxisTicks(ticks.stream().mapToDouble(Double::doubleValue).toArray(), Double.NaN);
    }

    /** Ticks at round durations for an axis in seconds (wall clock or relative time). */
    public static AxisTicks time(double min, double max, int maxTicks) {
        if (!(max > min)) {
            return linear(min, max, maxTicks);
        }
        double raw = (max - min) / Math.max(1, maxTicks - 1);
        for (double step : TIME_STEPS) {
            if (step >= raw) {
                return new AxisTicks(steps(min, max, step), step);
            }
        }
        return linear(min, max, maxTicks);
    }

    /**
     * A short label for a tick: plain decimals with as many places as the step needs, or 2.5e7
     * style when the step is very large or very small (all ticks of an axis share the notation).
     */
    public String label(double value) {
        double abs = Math.abs(value);
        if (Double.isNaN(step)) {
            // Powers of ten on a log axis.
            return abs >= 1e-3 && abs < 1e5 ? plain(value, Math.max(0, (int) -Math.floor(Math.log10(abs) + 1e-9)))
                    : scientific(value);
        }
        if (step >= 1e6 || step < 1e-4 || abs >= 1e12) {
            return scientific(value);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return plain(value, decimals);
    }

    private static String plain(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String scientific(double value) {
        if (value == 0) {
            return "0";
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(value)));
        BigDecimal mantissa = BigDecimal.valueOf(value / Math.pow(10, exponent)).round(new MathContext(3));
        if (mantissa.abs().compareTo(BigDecimal.TEN) >= 0) {
            mantissa = mantissa.movePointLeft(1);
            exponent++;
        }
        return mantissa.stripTrailingZeros().toPlainString() + "e" + exponent;
    }
}
