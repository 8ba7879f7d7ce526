package dev.braid.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a lineage graph out in layers from left (upstream) to right (downstream): longest-path
 * layering, barycentre ordering ({@link LayerAssignment}), then each column's nodes placed near
 * the mean height of their neighbours without overlapping. Every node gets the same box
 * ({@link #NODE_WIDTH} × {@link #NODE_HEIGHT}) so the result does not depend on fonts and the
 * command line's SVG matches the window's drawing. Edges that skip columns bend through gaps kept
 * free for them, so no edge crosses a box.
 *
 * <p>Braid lays graphs out itself instead of with ELK: ELK took 2.7 s for the first graph of 10
 * nodes in a fresh JVM and 1.4–4.7 s warm for 1,900 nodes here, this takes a few milliseconds
 * (see docs/decisions and docs/benchmarks.md).
 */
public final class GraphLayout {
    public static final double NODE_WIDTH = 224;
    public static final double NODE_HEIGHT = 46;
    static final double LAYER_GAP = 72;
    static final double NODE_GAP = 16;
    static final double DUMMY_HEIGHT = 4;
    static final double MARGIN = 24;
    private static final int PASSES = 4;

    /** Lays out {@code graph}; edges whose ends are not both in the graph, and self-loops, are left out. */
    public LaidOutGraph layout(Subgraph graph) {
        List<LineageNode> nodes = new ArrayList<>();
        Map<NodeId, Integer> index = new HashMap<>();
        for (LineageNode node : graph.nodes()) {
            if (index.putIfAbsent(node.id(), nodes.size()) == null) {
                nodes.add(node);
            }
        }
        if (nodes.isEmpty()) {
            return LaidOutGraph.EMPTY;
        }
        List<LineageEdge> kept = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        for (LineageEdge edge : graph.edges()) {
            Integer from = index.get(edge.from());
            Integer to = index.get(edge.to());
            if (from != null && to != null && !from.equals(to)) {
                kept.add(edge);
                pairs.add(new int[] {from, to});
            }
        }
        LayerAssignment layers = new LayerAssignment(nodes.size(), pairs.toArray(new int[0][]));
        double[] centre = columnPositions(layers);
        double minTop = Double.POSITIVE_INFINITY;
        double maxBottom = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < centre.length; v++) {
            minTop = Math.min(minTop, centre[v] - height(layers, v) / 2);
            maxBottom = Math.max(maxBottom, centre[v] + height(layers, v) / 2);
        }
        double shift = MARGIN - minTop;
        List<LaidOutGraph.Placed> placed = new ArrayList<>();
        for (int v = 0; v < nodes.size(); v++) {
            placed.add(new LaidOutGraph.Placed(nodes.get(v), x(layers.layerOf[v]), centre[v] + shift - NODE_HEIGHT / 2,
                    NODE_WIDTH, NODE_HEIGHT));
        }
        List<LaidOutGraph.Route> routes = new ArrayList<>();
        for (int e = 0; e < kept.size(); e++) {
            routes.add(new LaidOutGraph.Route(kept.get(e), route(layers, layers.chains.get(e), centre, shift)));
        }
        double width = x(layers.layers.size() - 1) + NODE_WIDTH + MARGIN;
        return new LaidOutGraph(placed, routes, width, maxBottom - minTop + 2 * MARGIN);
    }

    private static double x(int layer) {
        return MARGIN + layer * (NODE_WIDTH + LAYER_GAP);
    }

    private static double height(LayerAssignment layers, int v) {
        return v < layers.real ? NODE_HEIGHT : DUMMY_HEIGHT;
    }

    private static double gap(LayerAssignment layers, int a, int b) {
        return (height(layers, a) + height(layers, b)) / 2 + (a < layers.real && b < layers.real ? NODE_GAP : NODE_GAP / 2);
    }

    /**
     * Vertical centres: columns first stacked in their order, then a few passes each way move
     * every vertex towards the mean centre of its neighbours in the column just placed, pushing
     * neighbours in the same column apart so nothing overlaps.
     */
    private static double[] columnPositions(LayerAssignment layers) {
        double[] centre = new double[layers.layerOf.length];
        for (List<Integer> column : layers.layers) {
            double y = 0;
            for (int i = 0; i < column.size(); i++) {
                int v = column.get(i);
                y += i == 0 ? 0 : gap(layers, column.get(i - 1), v);
                centre[v] = y;
            }
        }
        for (int pass = 0; pass < PASSES; pass++) {
            boolean rightwards = pass % 2 == 0;
            for (int k = 1; k < layers.layers.size(); k++) {
                List<Integer> column = layers.layers.get(rightwards ? k : layers.layers.size() - 1 - k);
                place(layers, column, rightwards ? layers.pred : layers.succ, centre);
            }
        }
        return centre;
    }

    private static void place(LayerAssignment layers, List<Integer> column, List<int[]> neighbours, double[] centre) {
        int n = column.size();
        double[] wanted = new double[n];
        for (int i = 0; i < n; i++) {
            int v = column.get(i);
            int[] adjacent = neighbours.get(v);
            double sum = 0;
            for (int w : adjacent) {
                sum += centre[w];
            }
            wanted[i] = adjacent.length == 0 ? centre[v] : sum / adjacent.length;
        }
        // Downwards: no vertex above its wish unless the one above pushes it; then shift the column
        // back up by the mean excess so one crowded spot does not push everything below it away.
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i == 0 ? wanted[0] : Math.max(wanted[i], y[i - 1] + gap(layers, column.get(i - 1), column.get(i)));
        }
        for (int i = n - 2; i >= 0; i--) {
            y[i] = Math.max(y[i], Math.min(wanted[i], y[i + 1] - gap(layers, column.get(i), column.get(i + 1))));
        }
        double excess = 0;
        for (int i = 0; i < n; i++) {
            excess += y[i] - wanted[i];
        }
        double lift = excess / n;
        for (int i = 0; i < n; i++) {
            centre[column.get(i)] = y[i] - lift;
        }
    }

    private static List<LaidOutGraph.Point> route(LayerAssignment layers, int[] chain, double[] centre, double shift) {
        List<LaidOutGraph.Point> points = new ArrayList<>();
        int first = chain[0];
        int last = chain[chain.length - 1];
        boolean forward = layers.layerOf[first] <= layers.layerOf[last];
        points.add(new LaidOutGraph.Point(x(layers.layerOf[first]) + (forward ? NODE_WIDTH : 0), centre[first] + shift));
        for (int i = 1; i < chain.length - 1; i++) {
            int dummy = chain[i];
            double left = x(layers.layerOf[dummy]);
            points.add(new LaidOutGraph.Point(forward ? left : left + NODE_WIDTH, centre[dummy] + shift));
            points.add(new LaidOutGraph.Point(forward ? left + NODE_WIDTH : left, centre[dummy] + shift));
        }
        points.add(new LaidOutGraph.Point(x(layers.layerOf[last]) + (forward ? 0 : NODE_WIDTH), centre[last] + shift));
        return points;
    }
}
