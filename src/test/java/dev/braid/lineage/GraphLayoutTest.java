package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
    private final GraphLayout layout = new GraphLayout();

    @Test
    void everyEdgeRunsLeftToRightAndNoBoxesOverlap() {
        InMemoryLineage graph = LineageGraphs.project("churn", 6, 1);
        Subgraph shown = graph.neighbourhood(LineageGraphs.rawDataset("churn"), 2, 3, null);

        LaidOutGraph laid = layout.layout(shown);

        assertEquals(shown.nodes().size(), laid.nodes().size());
        assertEquals(shown.edges().size(), laid.edges().size());
        Map<NodeId, LaidOutGraph.Placed> boxes = laid.byId();
        for (LaidOutGraph.Route route : laid.edges()) {
            LaidOutGraph.Placed from = boxes.get(route.edge().from());
            LaidOutGraph.Placed to = boxes.get(route.edge().to());
            assertTrue(from.x() + from.width() <= to.x(), route.edge() + " goes left to right");
            assertTrue(route.points().size() >= 2, "a route has a start and an end");
        }
        List<LaidOutGraph.Placed> all = new ArrayList<>(laid.nodes());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertTrue(!overlap(all.get(i), all.get(j)), all.get(i).node().name() + " overlaps " + all.get(j).node().name());
            }
        }
        for (LaidOutGraph.Placed box : all) {
            assertTrue(box.x() >= 0 && box.y() >= 0 && box.x() + box.width() <= laid.width()
                    && box.y() + box.height() <= laid.height(), "inside the drawing: " + box);
        }
    }

    @Test
    void anEmptyGraphHasNoSize() {
        assertEquals(LaidOutGraph.EMPTY, layout.layout(new Subgraph(List.of(), List.of())));
    }

    @Test
    void edgesToNodesOutsideTheGraphAreLeftOut() {
        InMemoryLineage graph = LineageGraphs.project("churn", 2, 1);
        Subgraph shown = graph.neighbourhood(LineageGraphs.model("churn"), 0, 1, null);
        LineageNode outside = graph.nodes().get(0);
        List<LineageEdge> edges = new ArrayList<>(shown.edges());
        edges.add(new LineageEdge(outside.id(), LineageGraphs.model("churn"), EdgeKind.CONTAINS, "test", LineageGraphs.START));

        LaidOutGraph laid = layout.layout(new Subgraph(shown.nodes(), edges));

        assertEquals(shown.edges().size(), laid.edges().size());
    }

    private static boolean overlap(LaidOutGraph.Placed a, LaidOutGraph.Placed b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }
}
