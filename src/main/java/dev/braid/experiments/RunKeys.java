package dev.braid.experiments;

import java.util.List;

/** The distinct metric, param and tag keys logged by a set of cached runs, each list sorted. */
public record RunKeys(List<String> metrics, List<String> params, List<String> tags) {
    public RunKeys {
        metrics = List.copyOf(metrics);
        params = List.copyOf(params);
        tags = List.copyOf(tags);
    }

    public static RunKeys none() {
        return new RunKeys(List.of(), List.of(), List.of());
    }
}
