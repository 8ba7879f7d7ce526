package dev.braid.experiments.ui;

import java.util.List;
import java.util.Locale;

/**
 * Which value of a metric is best when runs are compared. Losses and errors are best when low;
 * keys that name a score (accuracy, AUC, F1, precision, recall, R²) are best when high.
 */
final class BestValue {
    private static final List<String> HIGHER_IS_BETTER = List.of("acc", "auc", "f1", "precision", "recall", "r2");

    private BestValue() {
    }

    static boolean higherIsBetter(String metricKey) {
        String key = metricKey.toLowerCase(Locale.ROOT);
        return HIGHER_IS_BETTER.stream().anyMatch(key::contains);
    }

    /** The index of the best of {@code values} (nulls and NaN ignored), or -1 when none is a number. */
    static int bestIndex(String metricKey, List<Double> values) {
        boolean higher = higherIsBetter(metricKey);
        int best = -1;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null || v.isNaN()) {
                continue;
            }
            if (best < 0 || (higher ? v > values.get(best) : v < values.get(best))) {
                best = i;
            }
        }
        return best;
    }
}
