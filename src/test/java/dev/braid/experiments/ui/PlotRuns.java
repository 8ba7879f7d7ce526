package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import java.util.Map;

/** Runs made in memory for the plot tests: only what the plots read is filled in. */
final class PlotRuns {
    private PlotRuns() {
    }

    static RunSummary run(String id, Map<String, String> params, Map<String, Double> metrics) {
        return run(id, null, params, metrics);
    }

    static RunSummary run(String id, String commit, Map<String, String> params, Map<String, Double> metrics) {
        return new RunSummary(id.hashCode(), 1, id, "1", "churn", id + "-run", "ada", "FINISHED", 1_000L, 61_000L, null,
                commit, params, metrics, Map.of());
    }
}
