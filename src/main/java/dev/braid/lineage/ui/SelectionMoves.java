package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.NodeId;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a keyboard move takes the selection in the shown graph. Left and right follow an edge to
 * the upstream or downstream neighbour nearest in height; up and down go to the next node above or
 * below that shares a neighbour with the selection (a sibling), or failing that the next node in
 * the same column.
 */
final class SelectionMoves {
    private SelectionMoves() {
    }

    static Optional<NodeId> target(LaidOutGraph graph, NodeId from, Move move) {
        Map<NodeId, LaidOutGraph.Placed> boxes = graph.byId();
        LaidOutGraph.Placed at = boxes.get(from);
        if (at == null) {
            return Optional.empty();
        }
        return switch (move) {
            case UPSTREAM, DOWNSTREAM -> {
                Set<NodeId> next = neighbours(graph, from, move == Move.DOWNSTREAM);
                yield next.stream().map(boxes::get)
                        .min(Comparator.comparingDouble((LaidOutGraph.Placed p) -> Math.abs(p.centreY() - at.centreY()))
                                .thenComparingDouble(LaidOutGraph.Placed::y))
                        .map(p -> p.node().id());
            }
            case PREVIOUS_SIBLING, NEXT_SIBLING -> sibling(graph, boxes, at, move == Move.NEXT_SIBLING);
        };
    }

    private static Optional<NodeId> sibling(LaidOutGraph graph, Map<NodeId, LaidOutGraph.Placed> boxes,
                                            LaidOutGraph.Placed at, boolean below) {
        NodeId from = at.node().id();
        Set<NodeId> siblings = new LinkedHashSet<>();
        for (NodeId parent : neighbours(graph, from, false)) {
            siblings.addAll(neighbours(graph, parent, true));
        }
        for (NodeId child : neighbours(graph, from, true)) {
            siblings.addAll(neighbours(graph, child, false));
        }
        siblings.remove(from);
        Optional<NodeId> near = nearest(siblings.stream().map(boxes::get).toList(), at, below);
        if (near.isPresent()) {
            return near;
        }
        return nearest(graph.nodes().stream().filter(p -> p.x() == at.x()).toList(), at, below);
    }

    private static Optional<NodeId> nearest(java.util.List<LaidOutGraph.Placed> candidates, LaidOutGraph.Placed at, boolean below) {
        return candidates.stream()
                .filter(p -> below ? p.centreY() > at.centreY() : p.centreY() < at.centreY())
                .min(Comparator.comparingDouble(p -> Math.abs(p.centreY() - at.centreY()) + Math.abs(p.x() - at.x())))
                .map(p -> p.node().id());
    }

    static Set<NodeId> neighbours(LaidOutGraph graph, NodeId node, boolean downstream) {
        Set<NodeId> found = new LinkedHashSet<>();
        for (LaidOutGraph.Route route : graph.edges()) {
            LineageEdge edge = route.edge();
            if (downstream && edge.from().equals(node)) {
                found.add(edge.to());
            } else if (!downstream && edge.to().equals(node)) {
                found.add(edge.from());
            }
        }
        return found;
    }
}
