package dev.braid.lineage;

import java.util.List;

/** Part of the lineage graph: the nodes reached and the edges between them. */
public record Subgraph(List<LineageNode> nodes, List<LineageEdge> edges) {
    public Subgraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
