package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closure target of the lineage issue: a depth-10 downstream closure in a graph of 1,000,000
 * edges within 100 ms. The graph is shaped like lineage: 1,000 stages of 250 nodes, each feeding
 * four nodes of the next stage near its own position, so a closure fans out to a few hundred nodes
 * rather than the whole graph.
 */
class LineageScaleTest {
    private static final int STAGES = 1_000;
    private static final int WIDTH = 250;
    private static final int FAN_OUT = 4;

    @TempDir
    Path tmp;

    @Test
    void depthTenDownstreamClosureOfAMillionEdgeGraphTakesUnder100Ms() throws Exception {
        Path file = tmp.resolve("cache.db");
        Database.open(file).close();
        long edges = build(file);
        try (Database db = Database.open(file)) {
            assertEquals(1_000_000, edges);
            LineageService lineage = new LineageService(db, Clock.systemUTC());
            Random random = new Random(42);
            for (int warm = 0; warm < 5; warm++) {
                lineage.closure(node(random.nextInt(STAGES - 20), random.nextInt(WIDTH)), Direction.DOWNSTREAM, 10, null);
            }
            long[] nanos = new long[21];
            int reached = 0;
            for (int i = 0; i < nanos.length; i++) {
                NodeId start = node(random.nextInt(STAGES - 20), random.nextInt(WIDTH));
                long t = System.nanoTime();
                List<ReachedNode> closure = lineage.closure(start, Direction.DOWNSTREAM, 10, null);
                nanos[i] = System.nanoTime() - t;
                reached += closure.size();
                assertEquals(10, closure.get(closure.size() - 1).depth());
            }
            Arrays.sort(nanos);
            double medianMs = nanos[nanos.length / 2] / 1e6;
            System.out.printf("[lineage scale] depth-10 downstream closure over %,d edges: median %.1f ms, max %.1f ms,"
                    + " %d nodes reached on average%n", edges, medianMs, nanos[nanos.length - 1] / 1e6, reached / nanos.length);
            assertTrue(medianMs < 100, "median " + medianMs + " ms");
        }
    }

    private static NodeId node(int stage, int position) {
        return new NodeId((stage % 2 == 0 ? "dataset-version:scale:" : "job-run:scale:") + stage + "." + position);
    }

    /** Loads the graph through a bare connection without a journal: a million rows in seconds, not minutes. */
    private static long build(Path file) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (var st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = OFF");
                st.execute("PRAGMA synchronous = OFF");
                st.execute("PRAGMA cache_size = -131072");
            }
            c.setAutoCommit(false);
            Random random = new Random(1);
            try (PreparedStatement nodes = c.prepareStatement(
                    "INSERT INTO lineage_nodes(id, kind, name, updated_at) VALUES (?, ?, ?, 0)");
                 PreparedStatement edges = c.prepareStatement("INSERT INTO lineage_edges(from_id, to_id, kind, asserted_by,"
                         + " asserted_at) VALUES (?, ?, 'input', 'scale', ?)")) {
                for (int stage = 0; stage < STAGES; stage++) {
                    for (int p = 0; p < WIDTH; p++) {
                        NodeId id = node(stage, p);
                        nodes.setString(1, id.value());
                        nodes.setString(2, id.kind().id());
                        nodes.setString(3, stage + "." + p);
                        nodes.addBatch();
                        int[] offsets = random.ints(-5, 6).distinct().limit(FAN_OUT).toArray();
                        for (int offset : offsets) {
                            edges.setString(1, id.value());
                            edges.setString(2, node((stage + 1) % STAGES, Math.floorMod(p + offset, WIDTH)).value());
                            edges.setLong(3, stage);
                            edges.addBatch();
                        }
                    }
                    nodes.executeBatch();
                    edges.executeBatch();
                }
            }
            c.commit();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM lineage_edges")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
