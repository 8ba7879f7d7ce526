package dev.braid.lineage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A graph with coordinates: every node's box and every edge's polyline, in one plane whose origin
 * is the top-left corner of the drawing. Produced by {@link GraphLayout}; drawn by the explorer and
 * written as SVG by {@link GraphExport}.
 */
public record LaidOutGraph(List<Placed> nodes, List<Route> edges, double width, double height) {
    public LaidOutGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public static final LaidOutGraph EMPTY = new LaidOutGraph(List.of(), List.of(), 0, 0);

    /** A node's box: {@code x, y} is its top-left corner. */
    public record Placed(LineageNode node, double x, double y, double width, double height) {
        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }

        public double centreX() {
            return x + width / 2;
        }

        public double centreY() {
            return y + height / 2;
        }
    }

    /** An edge's polyline from the border of its source box to the border of its target box. */
    public record Route(LineageEdge edge, List<Point> points) {
        public Route {
            points = List.copyOf(points);
        }
    }

    public record Point(double x, double y) {
    }

    /** The graph without coordinates, as the exporters and path queries see it. */
    public Subgraph subgraph() {
        return new Subgraph(nodes.stream().map(Placed::node).toList(), edges.stream().map(Route::edge).toList());
    }

    /** The boxes by node id, for lookups while drawing and hit-testing. */
    public Map<NodeId, Placed> byId() {
        Map<NodeId, Placed> map = new HashMap<>();
        for (Placed placed : nodes) {
            map.put(placed.node().id(), placed);
        }
        return map;
    }

    /** The topmost box under a point, if any. */
    public Optional<Placed> nodeAt(double x, double y) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).contains(x, y)) {
                return Optional.of(nodes.get(i));
            }
        }
        return Optional.empty();
    }
}
