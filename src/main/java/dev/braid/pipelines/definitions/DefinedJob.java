package dev.braid.pipelines.definitions;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One job of a pipeline definition, after templates, includes and matrices were applied.
 *
 * @param id unique within its {@link DefinitionDag}; what {@link DefinedEdge} and {@code needs} name
 * @param name the name the CI system shows for runs of this job, so runs can be laid over the
 *     definition: GitLab's job name (with {@code ": [a, b]"} or {@code " 1/3"} for parallel
 *     jobs), GitHub's job name (with {@code " (a, b)"} for matrix jobs, {@code "caller / called"}
 *     for jobs of a reusable workflow), the CircleCI job name in its workflow, the Jenkins stage
 *     name, the Kubeflow task name, the DVC stage name ({@code name@key} for generated ones)
 * @param stage the group the job belongs to: GitLab stage, CircleCI workflow, the calling job of
 *     a reusable GitHub workflow, the enclosing Jenkins stage of a parallel branch, the enclosing
 *     Kubeflow sub-DAG; empty when there is none
 * @param needs ids of the jobs this one waits for, the same as the {@link DefinedEdge}s that end
 *     here, in the order written
 * @param group the job as written before a matrix or {@code parallel} expanded it; equal to
 *     {@code id} for jobs that were not expanded
 * @param attributes further facts worth showing, sorted by key (for example {@code when},
 *     {@code allow_failure}, {@code image}, {@code runs-on}, {@code uses}, {@code if},
 *     {@code trigger}, {@code cmd}); values are plain text
 */
public record DefinedJob(String id, String name, String stage, List<String> needs, String group,
                         Map<String, String> attributes) {
    public DefinedJob {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isEmpty() ? id : name;
        stage = stage == null ? "" : stage;
        needs = List.copyOf(needs);
        group = group == null || group.isEmpty() ? id : group;
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** An attribute's value, or empty. */
    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }
}
