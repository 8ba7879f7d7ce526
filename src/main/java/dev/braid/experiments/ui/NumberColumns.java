package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One precision per metric column, so its numbers line up: whole numbers stay whole, others get
 * four significant digits of the column's largest value (0.8114, 12.31, 1532), at most six decimals.
 * Worked out from the loaded runs; the export keeps every digit.
 */
final class NumberColumns {
    private final Map<String, Integer> decimals;

    private NumberColumns(Map<String, Integer> decimals) {
        this.decimals = decimals;
    }

    static NumberColumns none() {
        return new NumberColumns(Map.of());
    }

    static NumberColumns of(List<RunSummary> runs) {
        Map<String, Double> largest = new HashMap<>();
        Map<String, Boolean> whole = new HashMap<>();
        for (RunSummary run : runs) {
            run.metrics().forEach((key, value) -> {
                if (value == null || value.isNaN() || value.isInfinite()) {
                    return;
                }
                largest.merge(key, Math.abs(value), Math::max);
                whole.merge(key, value == Math.rint(value) && Math.abs(value) < 1e15, Boolean::logicalAnd);
            });
        }
        Map<String, Integer> out = new HashMap<>();
        largest.forEach((key, max) -> {
            if (whole.get(key)) {
                out.put(key, 0);
            } else {
                int magnitude = max == 0 ? 0 : (int) Math.floor(Math.log10(max));
                out.put(key, Math.max(0, Math.min(6, 3 - magnitude)));
            }
        });
        return new NumberColumns(Map.copyOf(out));
    }

    /** {@code value} of metric {@code key} at its column's precision. */
    String format(String key, Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.isNaN() ? "NaN" : value > 0 ? "∞" : "−∞";
        }
        Integer places = decimals.get(key);
        if (places == null) {
            return RunFormats.number(value);
        }
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
