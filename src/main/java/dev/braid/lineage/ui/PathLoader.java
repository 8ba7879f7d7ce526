package dev.braid.lineage.ui;

import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageReader;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.Subgraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the paths between two nodes, in whichever direction they run, and the nodes and edges on
 * them that are not loaded yet, so a path through parts of the graph not shown can still be drawn.
 * Runs off the UI thread.
 */
final class PathLoader {
    static final int LIMIT = 5;

    record Found(List<List<NodeId>> paths, Subgraph missing) {
    }

    private PathLoader() {
    }

    static Found find(LineageReader reader, NodeId a, NodeId b, Instant asOf, Set<NodeId> loaded, Set<String> loadedEdges) {
        List<List<NodeId>> paths = reader.paths(a, b, LIMIT, asOf);
        if (paths.isEmpty()) {
            paths = reader.paths(b, a, LIMIT, asOf);
        }
        Map<NodeId, LineageNode> nodes = new LinkedHashMap<>();
        List<LineageEdge> edges = new ArrayList<>();
        if (!loaded.contains(b)) {
            reader.node(b).ifPresent(n -> nodes.put(b, n));
        }
        for (List<NodeId> path : paths) {
            for (int i = 0; i < path.size(); i++) {
                NodeId id = path.get(i);
                if (!loaded.contains(id) && !nodes.containsKey(id)) {
                    reader.node(id).ifPresent(n -> nodes.put(id, n));
                }
                if (i + 1 < path.size() && !loadedEdges.contains(key(id, path.get(i + 1)))) {
                    NodeId next = path.get(i + 1);
                    reader.neighbourhood(id, 0, 1, asOf).edges().stream()
                            .filter(e -> e.from().equals(id) && e.to().equals(next)).findFirst().ifPresent(edges::add);
                }
            }
        }
        return new Found(paths, new Subgraph(List.copyOf(nodes.values()), edges));
    }

    static String key(NodeId from, NodeId to) {
        return from.value() + "\n" + to.value();
    }
}
