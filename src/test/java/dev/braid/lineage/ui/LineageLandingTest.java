package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphChanges;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageIds;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.LineageService;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.store.Database;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer opens on what changed last, read from a real cache through the real lineage service. */
class LineageLandingTest {
    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
    private static final NodeId DATA = NodeId.of(NodeKind.DATASET_VERSION, "s3://lake:train.parquet@v7");
    private static final NodeId OLD_RUN = LineageIds.mlflowRun("tracking", "aaa111");
    private static final NodeId NEW_RUN = LineageIds.mlflowRun("tracking", "bbb222");
    private static final NodeId V1 = LineageIds.modelVersion("tracking", "fraud", "1");
    private static final NodeId V2 = LineageIds.modelVersion("tracking", "fraud", "2");
    private static final NodeId LOGGED = LineageIds.loggedModel("tracking", "m-0123");
    @TempDir
    Path folder;
    private Database db;
    private LineageService lineage;
    private LineageExplorerViewModel model;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(folder.resolve("cache.db"));
        lineage = new LineageService(db, Clock.systemUTC());
        model = new LineageExplorerViewModel(lineage, LineageLinks.NONE, new ImmediateTaskRunner());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void writeTwoVersions() {
        lineage.apply(GraphChanges.builder()
                .node(OLD_RUN, "first-fit").node(NEW_RUN, "second-fit").node(DATA, "train.parquet@v7")
                .node(V1, "fraud v1").node(V2, "fraud v2").node(LOGGED, "fraud-model")
                .edge(LineageIds.commit("https://github.com/acme/fraud.git", "89abcdef"), OLD_RUN, EdgeKind.BUILT_FROM,
                        "mlflow:tracking", T0.minusSeconds(100))
                .edge(OLD_RUN, V1, EdgeKind.REGISTERED, "mlflow:tracking", T0)
                .node(NodeId.of(NodeKind.DATASET, "s3://lake:train.parquet"), "train.parquet")
                .edge(NodeId.of(NodeKind.DATASET, "s3://lake:train.parquet"), DATA, EdgeKind.VERSION, "mlflow:tracking",
                        T0.plusSeconds(2_000))
                .edge(DATA, NEW_RUN, EdgeKind.INPUT, "mlflow:tracking", T0.plusSeconds(3_000))
                .edge(NEW_RUN, LOGGED, EdgeKind.LOGGED, "mlflow:tracking", T0.plusSeconds(3_500))
                .edge(LOGGED, V2, EdgeKind.REGISTERED, "mlflow:tracking", T0.plusSeconds(3_600))
                .build());
    }

    private Set<NodeId> shown() {
        return model.shownProperty().get().nodes().stream().map(p -> p.node().id()).collect(Collectors.toSet());
    }

    @Test
    void opensOnTheNewestModelVersionWithTheRunThatMadeItExpanded() {
        writeTwoVersions();

        model.open();

        assertEquals(V2, model.focusProperty().get());
        assertEquals("fraud v2", model.selectedProperty().get().name());
        assertTrue(shown().containsAll(Set.of(V2, LOGGED, NEW_RUN, DATA)),
                "the run two hops up is expanded, so the data it read shows too: " + shown());
        assertTrue(model.isExpanded(NEW_RUN));
        assertEquals(List.of("Model versions", "MLflow runs", "Dataset versions"),
                model.startList().stream().map(StartGroup::title).toList());
        assertEquals(List.of(V2, V1), model.startList().get(0).nodes().stream().map(LineageNode::id).toList(), "newest first");
        assertEquals(List.of(NEW_RUN, OLD_RUN), model.startList().get(1).nodes().stream().map(LineageNode::id).toList());
    }

    @Test
    void aFocusAskedForBeforeTheStartListArrivesIsKept() {
        writeTwoVersions();
        model.focusOn(V1);

        model.open();

        assertEquals(V1, model.focusProperty().get());
        assertEquals(3, model.startList().size(), "the start list is still read");
    }

    @Test
    void anEmptyGraphShowsNothingAndLandsOnceLineageArrives() {
        model.open();
        assertNull(model.focusProperty().get());
        assertTrue(model.startList().isEmpty());
        assertEquals(LaidOutGraph.EMPTY, model.shownProperty().get());

        writeTwoVersions();
        model.refresh();

        assertEquals(V2, model.focusProperty().get(), "after a sync or received events");
        assertEquals(3, model.startList().size());
    }
}
