package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closures in a graph of 1,000,000 edges give what the reference walk ({@link ReferenceGraph})
 * gives over the same edges. The graph is shaped like lineage: 1,000 stages of 250 nodes, each
 * feeding four nodes of the next stage near its own position, so a closure fans out to a few
 * hundred nodes rather than the whole graph. The speed target for these closures (depth 10 under
 * 100 ms) is measured by the lineage benchmark ({@code bench/run.sh}, {@code LineageBenchmark}),
 * not here.
 */
class LineageScaleTest {
    private static final int STAGES = 1_000;
    private static final int WIDTH = 250;
    private static final int FAN_OUT = 4;

    @TempDir
    Path tmp;

    @Test
    void closuresOfAMillionEdgeGraphMatchTheReference() throws Exception {
        Path file = tmp.resolve("cache.db");
        Database.open(file).close();
        ReferenceGraph reference = new ReferenceGraph();
        long edges = build(file, reference);
        assertEquals(1_000_000, edges);
        try (Database db = Database.open(file)) {
            LineageService lineage = new LineageService(db, Clock.systemUTC());
            Random random = new Random(42);
            for (int i = 0; i < 24; i++) {
                Direction direction = i % 4 == 3 ? Direction.UPSTREAM : Direction.DOWNSTREAM;
                NodeId start = node(20 + random.nextInt(STAGES - 40), random.nextInt(WIDTH));
                List<ReachedNode> closure = lineage.closure(start, direction, 10, null);
                Map<String, Integer> actual = new LinkedHashMap<>();
                int previous = 0;
                for (ReachedNode reached : closure) {
                    assertTrue(reached.depth() >= previous, "nearest first: " + closure);
                    previous = reached.depth();
                    actual.put(reached.node().id().value(), reached.depth());
                }
                assertEquals(start.value(), closure.get(0).node().id().value());
                assertEquals(reference.closure(start.value(), direction, 10, null), actual, direction + " from " + start);
                assertEquals(10, previous, "ten stages reached from " + start);
            }
        }
    }

    private static NodeId node(int stage, int position) {
        return new NodeId((stage % 2 == 0 ? "dataset-version:scale:" : "job-run:scale:") + stage + "." + position);
    }

    /**
     * Loads the graph through a bare connection without a journal (a million rows in seconds) and
     * the same edges into {@code reference}.
     */
    private static long build(Path file, ReferenceGraph reference) throws java.sql.SQLException {
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
                            String to = node((stage + 1) % STAGES, Math.floorMod(p + offset, WIDTH)).value();
                            edges.setString(1, id.value());
                            edges.setString(2, to);
                            edges.setLong(3, stage);
                            reference.add(id.value(), to, stage);
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
