package dev.braid.experiments.ui;

import java.util.List;

/**
 * One line of a comparison: a param, metric or tag and its value in each run (empty where a run
 * lacks it). {@code best} is the index of the best metric value, -1 for none or for non-metrics.
 */
public record CompareRow(Section section, String key, List<String> values, int best, boolean differs) {
    /** What kind of value a row holds. */
    public enum Section { PARAM, METRIC, TAG }

    public CompareRow {
        values = List.copyOf(values);
    }

    /** "params.lr", "metrics.rmse", "tags.team". */
    public String label() {
        return switch (section) {
            case PARAM -> "params.";
            case METRIC -> "metrics.";
            case TAG -> "tags.";
        } + key;
    }
}
