package dev.braid.pipelines;

import java.util.List;

/** One page of the runs a query matches, and how many it matches in all. */
public record RunPage(List<PipelineRun> runs, long total) {
    public RunPage {
        runs = List.copyOf(runs);
    }
}
