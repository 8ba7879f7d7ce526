package dev.braid.bench;

import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import java.time.Instant;
import java.util.Random;

/**
 * A 1,000,000-edge graph shaped like lineage, the same as {@code LineageScaleTest}'s: 1,000
 * stages of 250 nodes (dataset versions and job runs in turn), each feeding four nodes of the next
 * stage near its own position, so a depth-10 closure reaches a few hundred nodes rather than the
 * whole graph. Written through {@link LineageService#apply}, ten stages per transaction.
 */
final class ScaleGraph {
    static final int STAGES = 1_000;
    static final int WIDTH = 250;
    static final int FAN_OUT = 4;
    private static final int STAGES_PER_WRITE = 10;

    private ScaleGraph() {
    }

    static NodeId node(int stage, int position) {
        return new NodeId((stage % 2 == 0 ? "dataset-version:scale:" : "job-run:scale:") + stage + "." + position);
    }

    /** A start far enough from the last stage that ten hops downstream stay inside the graph. */
    static NodeId randomStart(Random random) {
        return node(random.nextInt(STAGES - 20), random.nextInt(WIDTH));
    }

    /** Writes the graph; returns how many edges it has. */
    static long write(LineageService lineage) {
        Random random = new Random(1);
        long edges = 0;
        GraphChanges.Builder changes = GraphChanges.builder();
        for (int stage = 0; stage < STAGES; stage++) {
            for (int p = 0; p < WIDTH; p++) {
                NodeId id = node(stage, p);
                changes.node(id, stage + "." + p);
                int[] offsets = random.ints(-5, 6).distinct().limit(FAN_OUT).toArray();
                for (int offset : offsets) {
                    changes.edge(id, node((stage + 1) % STAGES, Math.floorMod(p + offset, WIDTH)), EdgeKind.INPUT, "scale",
                            Instant.ofEpochMilli(stage));
                    edges++;
                }
            }
            if ((stage + 1) % STAGES_PER_WRITE == 0) {
                lineage.apply(changes.build());
                changes = GraphChanges.builder();
            }
        }
        lineage.apply(changes.build());
        return edges;
    }
}
