package dev.braid.lineage;

import java.util.Objects;

/** A node a walk reached, {@code depth} hops from where it started (0 for the start itself), and which way. */
public record ReachedNode(LineageNode node, int depth, Direction direction) {
    public ReachedNode {
        Objects.requireNonNull(node, "node");
    }
}
