package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closures, paths, as-of, impact and labels on generated graphs, against {@link ReferenceGraph}. */
class LineageQueriesTest {
    private static final String[] KINDS = {"dataset", "dataset-version", "job-run", "mlflow-run", "model-version", "alias"};
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path tmp;
    Database db;
    LineageService lineage;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        lineage = new LineageService(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A random graph with cycles, parallel assertions by two sources and edge times over 100 days. */
    private ReferenceGraph generate(long seed, int nodes, int edges) {
        Random random = new Random(seed);
        ReferenceGraph reference = new ReferenceGraph();
        GraphChanges.Builder changes = GraphChanges.builder();
        for (int i = 0; i < nodes; i++) {
            changes.node(id(i), "node " + i);
        }
        for (int i = 0; i < edges; i++) {
            int from = random.nextInt(nodes);
            // Mostly forward edges, like lineage; a few backward ones make cycles.
            int to = random.nextInt(10) == 0 ? random.nextInt(nodes) : Math.min(nodes - 1, from + 1 + random.nextInt(12));
            long at = T0 + random.nextInt(100) * 86_400_000L;
            String source = random.nextBoolean() ? "openlineage" : "mlflow:test";
            changes.edge(new NodeId(id(from).value()), id(to), EdgeKind.INPUT, source, Instant.ofEpochMilli(at));
            reference.add(id(from).value(), id(to).value(), at);
        }
        lineage.apply(changes.build());
        return reference;
    }

    private static NodeId id(int i) {
        return new NodeId(KINDS[i % KINDS.length] + ":g:" + i);
    }

    @Test
    void closuresMatchTheReferenceInBothDirectionsAtEveryDepthAndTime() {
        Random random = new Random(7);
        for (long seed = 1; seed <= 4; seed++) {
            ReferenceGraph reference = generate(seed, 400, 1_000 + (int) seed * 200);
            for (int probe = 0; probe < 40; probe++) {
                String start = id(random.nextInt(400)).value();
                Direction direction = random.nextBoolean() ? Direction.DOWNSTREAM : Direction.UPSTREAM;
                int depth = random.nextInt(12);
                Long asOf = random.nextInt(3) == 0 ? null : T0 + random.nextInt(100) * 86_400_000L;
                Map<String, Integer> expected = reference.closure(start, direction, depth, asOf);
                Map<String, Integer> actual = new HashMap<>();
                for (ReachedNode r : lineage.closure(new NodeId(start), direction, depth, asOf == null ? null : Instant.ofEpochMilli(asOf))) {
                    assertEquals(null, actual.put(r.node().id().value(), r.depth()), "reached twice: " + r);
                }
                assertEquals(expected, actual, "seed " + seed + " from " + start + " " + direction + " depth " + depth + " as of " + asOf);
            }
            db.write(c -> c.createStatement().executeUpdate("DELETE FROM lineage_edges"));
        }
    }

    @Test
    void aNeighbourhoodKeepsVersionsApartAsTheClosureDoes() {
        // ADR 8: downstream, version edges only from the start; upstream, a node reached only
        // through a version edge is reached but not walked past. `lineage show` and the explorer
        // ask reach(), impact and labels ask closure(): both answer alike.
        Random random = new Random(11);
        GraphChanges.Builder changes = GraphChanges.builder();
        for (int i = 0; i < 300; i++) {
            changes.node(id(i), "node " + i);
        }
        for (int i = 0; i < 900; i++) {
            int from = random.nextInt(300);
            int to = Math.min(299, from + 1 + random.nextInt(10));
            EdgeKind kind = random.nextInt(4) == 0 ? EdgeKind.VERSION : EdgeKind.INPUT;
            changes.edge(id(from), id(to), kind, "openlineage", Instant.ofEpochMilli(T0 + i));
        }
        lineage.apply(changes.build());
        int differing = 0;
        for (int probe = 0; probe < 60; probe++) {
            NodeId start = id(random.nextInt(300));
            Direction direction = probe % 2 == 0 ? Direction.DOWNSTREAM : Direction.UPSTREAM;
            int depth = 1 + random.nextInt(10);
            Map<String, Integer> closure = new HashMap<>();
            lineage.closure(start, direction, depth, null).forEach(r -> closure.put(r.node().id().value(), r.depth()));
            Map<String, Integer> reach = new HashMap<>();
            lineage.reach(start, direction, depth, null).nodes().forEach(r -> reach.put(r.node().id().value(), r.depth()));
            assertEquals(closure, reach, start + " " + direction + " depth " + depth);
            differing += closure.size() != closure(start, direction, depth).size() ? 1 : 0;
        }
        assertTrue(differing > 0, "the graph has walks the version rule changes");
    }

    @Test
    void aWalkAsOfNowReachesTheNodesInTheOrderOfAWalkOfNow() {
        // Level 2 is m and z (from a) then y (from b): the order of the frontier, not of the names.
        NodeId s = new NodeId("dataset:o:s");
        NodeId a = new NodeId("job-run:o:a");
        NodeId b = new NodeId("job-run:o:b");
        GraphChanges.Builder changes = GraphChanges.builder();
        changes.edge(s, a, EdgeKind.INPUT, "t", Instant.EPOCH).edge(s, b, EdgeKind.INPUT, "t", Instant.EPOCH)
                .edge(a, new NodeId("dataset:o:z"), EdgeKind.OUTPUT, "t", Instant.EPOCH)
                .edge(a, new NodeId("dataset:o:m"), EdgeKind.OUTPUT, "t", Instant.EPOCH)
                .edge(b, new NodeId("dataset:o:y"), EdgeKind.OUTPUT, "t", Instant.EPOCH);
        lineage.apply(changes.build());
        List<String> now = lineage.closure(s, Direction.DOWNSTREAM, 5, null).stream().map(r -> r.node().id().value()).toList();
        List<String> asOf = lineage.closure(s, Direction.DOWNSTREAM, 5, Instant.parse("2030-01-01T00:00:00Z")).stream()
                .map(r -> r.node().id().value()).toList();
        assertEquals(List.of("dataset:o:s", "job-run:o:a", "job-run:o:b", "dataset:o:m", "dataset:o:z", "dataset:o:y"), now);
        assertEquals(now, asOf);
    }

    /** The same graph's closure with every edge walked alike (no version rule), from the database's edges. */
    private Map<String, Integer> closure(NodeId start, Direction direction, int depth) {
        ReferenceGraph plain = new ReferenceGraph();
        db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT from_id, to_id FROM lineage_edges")) {
                while (rs.next()) {
                    plain.add(rs.getString(1), rs.getString(2), T0);
                }
            }
            return null;
        });
        return plain.closure(start.value(), direction, depth, null);
    }

    @Test
    void pathsAreExactlyTheShortestOnes() {
        ReferenceGraph reference = generate(11, 200, 500);
        Random random = new Random(3);
        int found = 0;
        for (int probe = 0; probe < 150; probe++) {
            String from = id(random.nextInt(200)).value();
            String to = id(random.nextInt(200)).value();
            Long asOf = random.nextBoolean() ? null : T0 + random.nextInt(100) * 86_400_000L;
            Set<List<String>> expected = reference.shortestPaths(from, to, asOf);
            List<List<NodeId>> actual = lineage.paths(new NodeId(from), new NodeId(to), 1_000,
                    asOf == null ? null : Instant.ofEpochMilli(asOf));
            Set<List<String>> got = new HashSet<>();
            actual.forEach(p -> got.add(p.stream().map(NodeId::value).toList()));
            assertEquals(actual.size(), got.size(), "a path was returned twice");
            assertEquals(expected, got, from + " to " + to + " as of " + asOf);
            found += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(found > 30, "too few connected pairs to mean anything: " + found);
    }

    @Test
    void pathsStopAtTheLimit() {
        GraphChanges.Builder diamond = GraphChanges.builder();
        NodeId a = new NodeId("dataset:d:a");
        NodeId z = new NodeId("model-version:d:z");
        for (int i = 0; i < 5; i++) {
            NodeId mid = new NodeId("job-run:d:" + i);
            diamond.edge(a, mid, EdgeKind.INPUT, "t", Instant.EPOCH).edge(mid, z, EdgeKind.OUTPUT, "t", Instant.EPOCH);
        }
        lineage.apply(diamond.build());
        assertEquals(3, lineage.paths(a, z, 3, null).size());
        assertEquals(5, lineage.paths(a, z, 10, null).size());
        assertEquals(List.of(List.of(a)), lineage.paths(a, a, 1, null));
        assertEquals(List.of(), lineage.paths(z, a, 1, null));
    }

    @Test
    void impactIsTheDownstreamClosureGroupedByKind() {
        ReferenceGraph reference = generate(5, 300, 700);
        String root = id(12).value();
        ImpactReport report = lineage.impact(new NodeId(root), null);
        Map<String, Integer> expected = reference.closure(root, Direction.DOWNSTREAM, Integer.MAX_VALUE, null);
        expected.remove(root);
        Map<String, Integer> actual = new HashMap<>();
        report.affected().forEach(r -> actual.put(r.node().id().value(), r.depth()));
        assertEquals(expected, actual);
        report.byKind().forEach((kind, nodes) -> nodes.forEach(n -> assertEquals(kind, n.node().kind())));
        String csv = report.csv();
        assertTrue(csv.startsWith("kind,id,name,status,depth\r\n"), csv);
        assertEquals(expected.size() + 1, csv.split("\r\n").length);
    }

    @Test
    void labelsAreInheritedDownstreamWithTheShortestCarryingPath() {
        ReferenceGraph reference = generate(9, 300, 650);
        List<String> labelled = List.of(id(3).value(), id(40).value(), id(41).value());
        assertTrue(lineage.label(new NodeId(labelled.get(0)), "PII"));
        assertTrue(lineage.label(new NodeId(labelled.get(1)), "restricted"));
        assertTrue(lineage.label(new NodeId(labelled.get(2)), "PII"));
        assertEquals(false, lineage.label(new NodeId(labelled.get(2)), "PII"));
        Random random = new Random(1);
        for (int probe = 0; probe < 60; probe++) {
            String node = id(random.nextInt(300)).value();
            Map<String, Integer> upstream = reference.closure(node, Direction.UPSTREAM, Integer.MAX_VALUE, null);
            List<InheritedLabel> labels = lineage.labels(new NodeId(node), null);
            Set<String> carriers = new HashSet<>();
            for (InheritedLabel label : labels) {
                carriers.add(label.labelledNode().value());
                List<String> path = label.path().stream().map(NodeId::value).toList();
                assertEquals(label.labelledNode().value(), path.get(0));
                assertEquals(node, path.get(path.size() - 1));
                assertEquals(upstream.get(path.get(0)) + 1, path.size(), "not a shortest path: " + path);
                for (int i = 0; i + 1 < path.size(); i++) {
                    assertTrue(reference.hasEdge(path.get(i), path.get(i + 1), null), "no edge along " + path);
                }
            }
            Set<String> expected = new HashSet<>(labelled);
            expected.retainAll(upstream.keySet());
            assertEquals(expected, carriers, node);
        }
        assertTrue(lineage.unlabel(new NodeId(labelled.get(0)), "PII"));
        assertEquals(List.of(), lineage.labels(new NodeId(labelled.get(0)), null));
    }

    @Test
    void theNeighbourhoodHoldsBothClosuresAndTheEdgesBetweenThem() {
        ReferenceGraph reference = generate(21, 200, 450);
        String focus = id(50).value();
        Subgraph sub = lineage.neighbourhood(new NodeId(focus), 2, 3, null);
        Set<String> expected = new HashSet<>(reference.closure(focus, Direction.UPSTREAM, 2, null).keySet());
        expected.addAll(reference.closure(focus, Direction.DOWNSTREAM, 3, null).keySet());
        Set<String> nodes = new HashSet<>();
        sub.nodes().forEach(n -> nodes.add(n.id().value()));
        assertEquals(expected, nodes);
        List<String> edges = new ArrayList<>();
        for (LineageEdge e : sub.edges()) {
            assertTrue(nodes.contains(e.from().value()) && nodes.contains(e.to().value()));
            edges.add(e.from() + ">" + e.to());
        }
        for (String from : expected) {
            for (String to : reference.neighbours(from, Direction.DOWNSTREAM, null)) {
                if (expected.contains(to)) {
                    assertTrue(edges.contains(from + ">" + to), "missing edge " + from + " > " + to);
                }
            }
        }
        assertEquals("node 50", lineage.node(new NodeId(focus)).orElseThrow().name());
        assertEquals(focus, lineage.find("node 50", 5).get(0).id().value());
    }
}
