package dev.braid.pipelines.definitions;

import java.util.Objects;

/**
 * A dependency between two jobs of a {@link DefinitionDag}: {@code to} waits for {@code from}.
 *
 * @param label what travels along the edge when that is known (artifact or parameter names of
 *     a Kubeflow task, the paths a DVC stage reads from another), else empty
 */
public record DefinedEdge(String from, String to, Kind kind, String label) {
    /** Why the edge exists. */
    public enum Kind {
        /** Declared: GitLab/GitHub {@code needs}, CircleCI {@code requires}, Kubeflow {@code dependentTasks}. */
        NEEDS,
        /** Implied by order: GitLab stages for jobs without {@code needs}, sequential Jenkins stages. */
        ORDER,
        /** Data passes: a Kubeflow task output consumed by another task, a DVC output another stage depends on. */
        DATA
    }

    public DefinedEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        label = label == null ? "" : label;
    }
}
