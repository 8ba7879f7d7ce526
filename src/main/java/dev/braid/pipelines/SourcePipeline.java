package dev.braid.pipelines;

import java.util.List;

/**
 * A pipeline as its orchestrator defines it, apart from any run: an Airflow DAG (whether it is
 * paused, its schedule, its tasks and their order), later a Kubeflow pipeline. Listed by a sync and
 * kept beside the runs so the view can say that a DAG is paused and draw its tasks.
 *
 * @param tasks the tasks and what each waits for; null when this sync did not read them (the cached ones stay)
 */
public record SourcePipeline(String pipeline, String displayName, boolean paused, String schedule, String description,
                             List<String> tags, List<String> owners, List<Task> tasks) {
    public SourcePipeline {
        tags = tags == null ? List.of() : List.copyOf(tags);
        owners = owners == null ? List.of() : List.copyOf(owners);
        tasks = tasks == null ? null : List.copyOf(tasks);
    }

    /** A task: its id, the tasks it waits for, whether it is mapped (one instance per input), its operator. */
    public record Task(String name, List<String> needs, boolean mapped, String operator, int retries) {
        public Task {
            needs = needs == null ? List.of() : List.copyOf(needs);
        }
    }
}
