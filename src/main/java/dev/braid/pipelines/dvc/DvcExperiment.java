package dev.braid.pipelines.dvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A DVC experiment kept as a git ref ({@code refs/exps/<baseline>/<name>}), listed as a run:
 * the commit it made, the commit it was based on, and its params and metrics by file.
 */
public record DvcExperiment(String name, String ref, String commit, String baseline, Instant created,
                            Map<String, Map<String, Object>> params, Map<String, Map<String, Object>> metrics,
                            List<String> notes) {
    public DvcExperiment {
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        notes = List.copyOf(notes);
    }
}
