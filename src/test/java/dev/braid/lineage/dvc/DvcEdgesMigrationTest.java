package dev.braid.lineage.dvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.Direction;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.store.Database;
import dev.braid.store.Migrations;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache built before DVC runs pointed to their datasets gets those edges when it is opened. */
class DvcEdgesMigrationTest {
    private static final String MIGRATION = "012-dvc-run-dataset-edges.sql";
    private static final String RUN = "job-run:0b7f2d0e-4d5c-3a8e-9f1b-2c3d4e5f6a7b";
    private static final String MODEL = "dataset:github.com/acme/churn:model.pkl";
    private static final String MODEL_V1 = MODEL + "@662eb7f64216d9c2c1088d0a5e2c6951";

    @TempDir
    Path tmp;

    @Test
    void stageRunsOfAnOlderCacheGainTheDatasetsTheyWrote() throws Exception {
        Path file = tmp.resolve("cache.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Migrations.bundled().migrate(c, versionBefore(MIGRATION));
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO lineage_edges(from_id, to_id, kind, asserted_by, asserted_at) VALUES"
                        + " ('" + MODEL + "', 'dataset-version:" + MODEL_V1.substring("dataset:".length()) + "', 'version', 'dvc:churn', 1000),"
                        + " ('" + RUN + "', 'dataset-version:" + MODEL_V1.substring("dataset:".length()) + "', 'output', 'dvc:churn', 1000),"
                        // An OpenLineage run writing a version is left as its events said.
                        + " ('job-run:11111111-2222-3333-4444-555555555555', 'dataset-version:s3://b:x@1', 'output', 'openlineage', 5),"
                        + " ('dataset:s3://b:x', 'dataset-version:s3://b:x@1', 'version', 'openlineage', 5)");
            }
        }
        try (Database db = Database.open(file)) {
            LineageService lineage = new LineageService(db, Clock.systemUTC());
            Set<String> writers = lineage.closure(new NodeId(MODEL), Direction.UPSTREAM, 1, null).stream()
                    .map(r -> r.node().id().value()).collect(Collectors.toSet());
            assertEquals(Set.of(MODEL, RUN), writers, "upstream of the DVC-tracked file: the run that wrote it");
            assertTrue(lineage.everything(null).edges().stream().noneMatch(e -> e.from().value().startsWith("job-run:1111")
                    && e.to().value().equals("dataset:s3://b:x")), "other sources' edges are theirs to assert");
        }
    }

    /** The schema version just before {@code name}: its line among the migrations, minus one. */
    private static int versionBefore(String name) throws Exception {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/index.txt")) {
            List<String> names = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            int index = names.indexOf(name);
            assertTrue(index > 0, name + " is listed");
            return index;
        }
    }
}
