package dev.braid.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.store.Database;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merged batches leave the lineage tables exactly as the same changes written one after another:
 * random changes over a few ids, with ties in time, statuses with and without endings, blank names
 * and overlapping properties, onto an empty cache and onto one that already holds rows.
 */
class ChangeMergerTest {
    private static final String[] STATUSES = {"", "", "RUNNING", "COMPLETE", "FAILED"};
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private final LineageStore store = new LineageStore();

    @TempDir
    Path tmp;

    @Test
    void mergedChangesLeaveTheSameTablesAsChangesWrittenInTurn() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            List<GraphChanges> before = parts(random, 5);
            List<GraphChanges> batch = parts(random, 30);
            try (Database inTurn = Database.open(tmp.resolve("in-turn-" + seed + ".db"));
                 Database merged = Database.open(tmp.resolve("merged-" + seed + ".db"))) {
                for (Database db : List.of(inTurn, merged)) {
                    if (seed % 2 == 0) {
                        db.write(c -> {
                            for (GraphChanges part : before) {
                                store.write(c, part, NOW);
                            }
                            return null;
                        });
                    }
                }
                inTurn.write(c -> {
                    for (GraphChanges part : batch) {
                        store.write(c, part, NOW);
                    }
                    return null;
                });
                merged.write(c -> {
                    store.write(c, ChangeMerger.merge(batch), NOW);
                    return null;
                });
                for (String table : List.of("lineage_nodes", "lineage_edges", "lineage_columns")) {
                    List<Map<String, Object>> expected = dump(inTurn, table);
                    assertTrue(!expected.isEmpty() || table.equals("lineage_columns"));
                    assertEquals(expected, dump(merged, table), table + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void mergingWritesEachRowFewerTimes() {
        NodeId job = new NodeId("job:ns:etl");
        List<GraphChanges> parts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            parts.add(GraphChanges.builder().node(job, "etl", Map.of("namespace", "ns"))
                    .edge(job, new NodeId("job-run:" + (i % 2)), EdgeKind.RUN_OF, "openlineage", Instant.ofEpochSecond(i)).build());
        }
        GraphChanges merged = ChangeMerger.merge(parts);
        assertEquals(1, merged.nodes().size());
        assertEquals(2, merged.edges().size());
        assertEquals(Instant.ofEpochSecond(0), merged.edges().get(0).edge().assertedAt());
    }

    private static List<GraphChanges> parts(Random random, int count) {
        List<GraphChanges> parts = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            GraphChanges.Builder b = GraphChanges.builder();
            for (int n = random.nextInt(4); n >= 0; n--) {
                String status = STATUSES[random.nextInt(STATUSES.length)];
                b.node(node(random), random.nextInt(3) == 0 ? "" : "name" + random.nextInt(3), status,
                        random.nextBoolean() ? null : time(random), properties(random));
            }
            for (int e = random.nextInt(4); e >= 0; e--) {
                b.edge(node(random), node(random), random.nextBoolean() ? EdgeKind.INPUT : EdgeKind.OUTPUT,
                        random.nextBoolean() ? "openlineage" : "other", time(random), properties(random));
            }
            for (int l = random.nextInt(3); l > 0; l--) {
                b.column(new GraphChanges.ColumnLink(node(random), "f" + random.nextInt(2), node(random), "g" + random.nextInt(2),
                        random.nextBoolean() ? "" : "IDENTITY" + random.nextInt(2), random.nextBoolean() ? "openlineage" : "other",
                        time(random)));
            }
            parts.add(b.build());
        }
        return parts;
    }

    private static NodeId node(Random random) {
        return new NodeId("job-run:r" + random.nextInt(4));
    }

    /** Few distinct times, so that ties (where an ending beats RUNNING) happen often. */
    private static Instant time(Random random) {
        return Instant.ofEpochMilli(1_000L * random.nextInt(4) + (random.nextBoolean() ? 0 : 400));
    }

    private static Map<String, String> properties(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Map.of();
            case 1 -> Map.of("a", "" + random.nextInt(3));
            case 2 -> Map.of("b", "" + random.nextInt(3));
            default -> Map.of("a", "" + random.nextInt(3), "c", "x");
        };
    }

    /** Every row, properties decoded (their key order is not significant). */
    private List<Map<String, Object>> dump(Database db, String table) {
        return db.read(c -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3, 4")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.TreeMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnName(i);
                        row.put(column, column.equals("properties") ? store.decode(rs.getString(i)) : rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }
}
