package dev.braid.lineage.ui;

import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.NodeId;
import java.util.List;
import java.util.Set;

/** The nodes and edges on the paths between two selected nodes; {@link #NONE} when nothing is highlighted. */
public record PathHighlight(Set<NodeId> nodes, Set<String> edges, int paths) {
    public static final PathHighlight NONE = new PathHighlight(Set.of(), Set.of(), 0);

    public PathHighlight {
        nodes = Set.copyOf(nodes);
        edges = Set.copyOf(edges);
    }

    public static PathHighlight of(List<List<NodeId>> paths) {
        java.util.Set<NodeId> nodes = new java.util.LinkedHashSet<>();
        java.util.Set<String> edges = new java.util.LinkedHashSet<>();
        for (List<NodeId> path : paths) {
            nodes.addAll(path);
            for (int i = 0; i + 1 < path.size(); i++) {
                edges.add(PathLoader.key(path.get(i), path.get(i + 1)));
            }
        }
        return new PathHighlight(nodes, edges, paths.size());
    }

    public boolean contains(LineageEdge edge) {
        return edges.contains(PathLoader.key(edge.from(), edge.to()));
    }
}
