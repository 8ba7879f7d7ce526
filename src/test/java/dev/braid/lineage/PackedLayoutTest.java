package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackedLayoutTest {
    @Test
    void manySmallPipelinesComeOutRoughlyAsWideAsAskedNotAsOneTallColumn() {
        List<LineageNode> nodes = new ArrayList<>();
        List<LineageEdge> edges = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            NodeId raw = new NodeId("dataset:raw:" + p);
            NodeId job = new NodeId("job-run:" + p);
            NodeId out = new NodeId("dataset:clean:" + p);
            for (NodeId id : List.of(raw, job, out)) {
                nodes.add(new LineageNode(id, id.value(), "", Map.of()));
            }
            edges.add(new LineageEdge(raw, job, EdgeKind.INPUT, "test", Instant.EPOCH));
            edges.add(new LineageEdge(job, out, EdgeKind.OUTPUT, "test", Instant.EPOCH));
        }
        Subgraph graph = new Subgraph(nodes, edges);

        LaidOutGraph tall = new GraphLayout().layout(graph);
        LaidOutGraph packed = new PackedLayout().layout(graph, 16.0 / 10);

        assertTrue(tall.height() / tall.width() > 2, "one column: " + tall.width() + " x " + tall.height());
        double aspect = packed.width() / packed.height();
        assertTrue(aspect > 0.8 && aspect < 3.2, "packed: " + packed.width() + " x " + packed.height());
        assertEquals(nodes.size(), packed.nodes().size());
        assertEquals(edges.size(), packed.edges().size());
        Set<String> boxes = new HashSet<>();
        for (LaidOutGraph.Placed a : packed.nodes()) {
            for (LaidOutGraph.Placed b : packed.nodes()) {
                if (a != b) {
                    boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                            || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                    assertTrue(apart, a.node().id() + " overlaps " + b.node().id());
                }
            }
            boxes.add(a.node().id().value());
        }
        assertEquals(nodes.size(), boxes.size());
    }
}
