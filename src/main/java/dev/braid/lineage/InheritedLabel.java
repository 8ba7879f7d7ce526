package dev.braid.lineage;

import java.util.List;
import java.util.Objects;

/**
 * A sensitivity label a node carries because something upstream of it is labelled: the label,
 * the labelled node, and the path of nodes from there down to this one (both ends included; a
 * node's own label has a path of one).
 */
public record InheritedLabel(String label, NodeId labelledNode, List<NodeId> path) {
    public InheritedLabel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(labelledNode, "labelledNode");
        path = List.copyOf(path);
    }
}
