package dev.braid.lineage;

import java.util.List;
import java.util.Optional;

/**
 * What a typed node id names: the canonical id of the one node it means, or, when it names none
 * or several, the known nodes closest to it.
 */
public record NodeResolution(Optional<NodeId> node, List<LineageNode> candidates, boolean ambiguous) {
    public NodeResolution {
        candidates = List.copyOf(candidates);
    }

    static NodeResolution found(NodeId id) {
        return new NodeResolution(Optional.of(id), List.of(), false);
    }

    static NodeResolution unknown(List<LineageNode> closest) {
        return new NodeResolution(Optional.empty(), closest, false);
    }

    static NodeResolution ambiguous(List<LineageNode> candidates) {
        return new NodeResolution(Optional.empty(), candidates, true);
    }
}
