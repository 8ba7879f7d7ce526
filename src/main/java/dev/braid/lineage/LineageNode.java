package dev.braid.lineage;

import java.util.Map;
import java.util.Objects;

/**
 * A node as the explorer and the command line show it. {@code status} is a run's state
 * ({@code COMPLETE}, {@code FAILED}, {@code RUNNING}…) or empty for nodes without one;
 * {@code properties} are facts worth showing in a details panel.
 */
public record LineageNode(NodeId id, String name, String status, Map<String, String> properties) {
    public LineageNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        status = status == null ? "" : status;
        properties = Map.copyOf(properties);
    }

    public NodeKind kind() {
        return id.kind();
    }
}
