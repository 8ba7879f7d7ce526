package dev.braid.lineage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole graph laid out to a readable shape: each connected part is laid out on its own
 * ({@link GraphLayout}, upstream to downstream) and the parts are set side by side in rows, tallest
 * first, so the drawing comes out about as wide as {@code aspect} times its height instead of one
 * very tall column of unrelated pipelines.
 */
public final class PackedLayout {
    private static final double GAP = 36;
    private final GraphLayout layout = new GraphLayout();

    public LaidOutGraph layout(Subgraph graph, double aspect) {
        List<Subgraph> parts = components(graph);
        if (parts.size() <= 1) {
            return layout.layout(graph);
        }
        List<LaidOutGraph> laid = new ArrayList<>();
        double area = 0;
        double widest = 0;
        for (Subgraph part : parts) {
            LaidOutGraph one = layout.layout(part);
            laid.add(one);
            area += (one.width() + GAP) * (one.height() + GAP);
            widest = Math.max(widest, one.width());
        }
        laid.sort(Comparator.comparingDouble(LaidOutGraph::height).reversed().thenComparingDouble(g -> -g.width()));
        double rowWidth = Math.max(widest, Math.sqrt(area * aspect));
        List<LaidOutGraph.Placed> nodes = new ArrayList<>();
        List<LaidOutGraph.Route> edges = new ArrayList<>();
        double x = 0;
        double y = 0;
        double rowHeight = 0;
        double width = 0;
        for (LaidOutGraph part : laid) {
            if (x > 0 && x + part.width() > rowWidth) {
                x = 0;
                y += rowHeight + GAP;
                rowHeight = 0;
            }
            for (LaidOutGraph.Placed p : part.nodes()) {
                nodes.add(new LaidOutGraph.Placed(p.node(), p.x() + x, p.y() + y, p.width(), p.height()));
            }
            for (LaidOutGraph.Route r : part.edges()) {
                double dx = x;
                double dy = y;
                edges.add(new LaidOutGraph.Route(r.edge(), r.points().stream()
                        .map(pt -> new LaidOutGraph.Point(pt.x() + dx, pt.y() + dy)).toList()));
            }
            x += part.width() + GAP;
            width = Math.max(width, x - GAP);
            rowHeight = Math.max(rowHeight, part.height());
        }
        return new LaidOutGraph(nodes, edges, width, y + rowHeight);
    }

    /** The weakly connected parts of {@code graph}, largest first. */
    static List<Subgraph> components(Subgraph graph) {
        Map<NodeId, List<NodeId>> neighbours = new HashMap<>();
        Map<NodeId, LineageNode> nodes = new LinkedHashMap<>();
        graph.nodes().forEach(n -> nodes.putIfAbsent(n.id(), n));
        for (LineageEdge e : graph.edges()) {
            if (nodes.containsKey(e.from()) && nodes.containsKey(e.to())) {
                neighbours.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
                neighbours.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
            }
        }
        Map<NodeId, Integer> part = new HashMap<>();
        int count = 0;
        for (NodeId start : nodes.keySet()) {
            if (part.containsKey(start)) {
                continue;
            }
            Deque<NodeId> todo = new ArrayDeque<>(List.of(start));
            part.put(start, count);
            while (!todo.isEmpty()) {
                for (NodeId next : neighbours.getOrDefault(todo.pop(), List.of())) {
                    if (part.putIfAbsent(next, count) == null) {
                        todo.push(next);
                    }
                }
            }
            count++;
        }
        List<List<LineageNode>> partNodes = new ArrayList<>();
        List<List<LineageEdge>> partEdges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            partNodes.add(new ArrayList<>());
            partEdges.add(new ArrayList<>());
        }
        nodes.values().forEach(n -> partNodes.get(part.get(n.id())).add(n));
        for (LineageEdge e : graph.edges()) {
            if (nodes.containsKey(e.from()) && nodes.containsKey(e.to())) {
                partEdges.get(part.get(e.from())).add(e);
            }
        }
        List<Subgraph> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Subgraph(partNodes.get(i), partEdges.get(i)));
        }
        out.sort(Comparator.comparingInt((Subgraph s) -> -s.nodes().size()));
        return out;
    }
}
