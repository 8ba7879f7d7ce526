package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a derived source stops asserting ends at a time instead of vanishing; "as of" sees the graph that was. */
class EdgeHistoryTest {
    private static final String SOURCE = "mlflow:local";
    private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant DAY3 = Instant.parse("2026-03-03T10:00:00Z");
    private static final Instant DAY4 = Instant.parse("2026-03-04T10:00:00Z");
    private static final NodeId V1 = LineageIds.modelVersion("local", "fraud", "1");
    private static final NodeId V2 = LineageIds.modelVersion("local", "fraud", "2");
    private static final NodeId CHAMPION = LineageIds.alias("local", "fraud", "champion");

    @TempDir
    Path tmp;
    private Database db;
    private MutableClock clock;
    private LineageService lineage;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(tmp.resolve("cache.db"));
        clock = new MutableClock(DAY1);
        lineage = new LineageService(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anEdgeNoLongerAssertedEndsWhenTheSyncNoticedIt() {
        NodeId run = LineageIds.mlflowRun("local", "r1");
        NodeId data = new NodeId("dataset-version:file:/data/x.csv@abc");
        clock.set(DAY2);
        lineage.replace(SOURCE, changes(edge(data, run, EdgeKind.INPUT, DAY1)));
        clock.set(DAY3);
        lineage.replace(SOURCE, GraphChanges.NONE); // the run was deleted

        assertEquals(Set.of(), upstream(run, null), "now the run reads nothing");
        assertEquals(Set.of(data), upstream(run, DAY2), "but on day 2 it read the data");
        assertEquals(Set.of(), upstream(run, DAY1.minusSeconds(1)), "and before it was asserted, nothing");
        assertEquals(Set.of(), upstream(run, DAY3), "from the moment the sync saw it gone, nothing");
        assertTrue(lineage.exists(data), "a node only history names is still known");
        Subgraph then = lineage.everything(DAY2);
        assertEquals(1, then.edges().size(), "the whole graph as of day 2 holds the ended edge");
        assertEquals(0, lineage.everything(null).edges().size());
    }

    @Test
    void anAliasMovedWithoutATimestampMovedWhenTheSyncSawIt() {
        // A SQL store or a server: the registry stamps no time on an alias, so both claims are the model's old stamp.
        clock.set(DAY2);
        lineage.replace(SOURCE, changes(edge(V1, CHAMPION, EdgeKind.ALIAS, DAY1)));
        clock.set(DAY4);
        lineage.replace(SOURCE, changes(edge(V2, CHAMPION, EdgeKind.ALIAS, DAY1)));

        assertEquals(Set.of(V1), upstream(CHAMPION, DAY3), "on day 3 the champion was still version 1");
        assertEquals(Set.of(V2), upstream(CHAMPION, DAY4), "from the sync that saw the move, version 2");
        assertEquals(Set.of(V2), upstream(CHAMPION, null));
        assertEquals(Set.of(V1), upstream(CHAMPION, DAY1), "version 1 from the registry's stamp on");
    }

    @Test
    void anAliasMovedAtARecordedTimeMovedThen() {
        // A file store stamps the registered model when an alias is set: that stamp dates the move.
        Instant moved = DAY2.plusSeconds(3600);
        clock.set(DAY2);
        lineage.replace(SOURCE, changes(edge(V1, CHAMPION, EdgeKind.ALIAS, DAY1)));
        clock.set(DAY4);
        lineage.replace(SOURCE, changes(edge(V2, CHAMPION, EdgeKind.ALIAS, moved)));

        assertEquals(Set.of(V1), upstream(CHAMPION, moved.minusMillis(1)));
        assertEquals(Set.of(V2), upstream(CHAMPION, moved));
    }

    @Test
    void anAliasSetAgainAfterItWasRemovedStartsNoEarlierThanItsRemoval() {
        clock.set(DAY1);
        lineage.replace(SOURCE, changes(edge(V1, CHAMPION, EdgeKind.ALIAS, DAY1)));
        clock.set(DAY2);
        lineage.replace(SOURCE, GraphChanges.NONE);
        clock.set(DAY3);
        lineage.replace(SOURCE, changes(edge(V2, CHAMPION, EdgeKind.ALIAS, DAY1)));

        assertEquals(Set.of(V1), upstream(CHAMPION, DAY1.plusSeconds(60)));
        assertEquals(Set.of(), upstream(CHAMPION, DAY2.plusSeconds(60)), "between removal and return: no champion");
        assertEquals(Set.of(V2), upstream(CHAMPION, DAY3));
    }

    @Test
    void anEdgeAssertedAgainKeepsItsFirstTimeAndItsNewProperties() {
        NodeId run = LineageIds.mlflowRun("local", "r1");
        NodeId data = new NodeId("dataset-version:file:/data/x.csv@abc");
        lineage.replace(SOURCE, GraphChanges.builder().edge(data, run, EdgeKind.INPUT, SOURCE, DAY1, Map.of("context", "training,eval")).build());
        clock.set(DAY3);
        lineage.replace(SOURCE, GraphChanges.builder().edge(data, run, EdgeKind.INPUT, SOURCE, DAY2, Map.of()).build());
        LineageEdge kept = lineage.everything(null).edges().get(0);
        assertEquals(DAY1, kept.assertedAt());
        assertEquals(0, lineage.everything(DAY1.minusSeconds(1)).edges().size());
        assertEquals(1, lineage.everything(DAY1).edges().size(), "never ended: it held all along");
    }

    @Test
    void theTimeSpanOfANeighbourhoodCoversItsEndedEdges() {
        clock.set(DAY2);
        lineage.replace(SOURCE, changes(edge(V1, CHAMPION, EdgeKind.ALIAS, DAY1)));
        clock.set(DAY4);
        lineage.replace(SOURCE, changes(edge(V2, CHAMPION, EdgeKind.ALIAS, DAY1)));
        Instant[] span = lineage.timeSpan(List.of(CHAMPION)).orElseThrow();
        assertEquals(DAY1, span[0]);
        assertEquals(DAY4, span[1]);
    }

    private Set<NodeId> upstream(NodeId node, Instant asOf) {
        return lineage.closure(node, Direction.UPSTREAM, 1, asOf).stream().map(r -> r.node().id())
                .filter(id -> !id.equals(node)).collect(Collectors.toSet());
    }

    private static GraphChanges changes(LineageEdge... edges) {
        GraphChanges.Builder builder = GraphChanges.builder();
        for (LineageEdge e : edges) {
            builder.edge(e.from(), e.to(), e.kind(), e.assertedBy(), e.assertedAt());
        }
        return builder.build();
    }

    private static LineageEdge edge(NodeId from, NodeId to, EdgeKind kind, Instant at) {
        return new LineageEdge(from, to, kind, SOURCE, at);
    }

    /** A clock tests move by hand: each sync happens at a chosen moment. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
