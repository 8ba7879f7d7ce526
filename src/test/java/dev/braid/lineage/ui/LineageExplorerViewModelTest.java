package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.EdgeKind;
import dev.braid.lineage.GraphExport;
import dev.braid.lineage.InMemoryLineage;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.LineageGraphs;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeKind;
import dev.braid.ui.ImmediateTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageExplorerViewModelTest {
    private final InMemoryLineage graph = LineageGraphs.project("churn", 6, 11);
    private final AtomicReference<LineageNode> opened = new AtomicReference<>();
    private final LineageExplorerViewModel model = new LineageExplorerViewModel(graph,
            node -> Optional.of(() -> opened.set(node)), new ImmediateTaskRunner());

    private Set<NodeId> shownIds() {
        return model.shownProperty().get().nodes().stream().map(p -> p.node().id()).collect(Collectors.toSet());
    }

    private LineageNode named(String name) {
        return graph.find(name, 1).get(0);
    }

    @Test
    void searchFindsByNameAndFocusShowsTwoHopsEachWay() {
        model.search("build_features #3");
        assertEquals(1, model.searchResults().size());
        LineageNode jobRun = model.searchResults().get(0);

        model.focus(jobRun.id());

        assertEquals(graph.neighbourhood(jobRun.id(), 2, 2, null).nodes().stream().map(LineageNode::id)
                .filter(id -> !id.kind().equals(NodeKind.EXPERIMENT_RUN)).collect(Collectors.toSet()),
                shownIds().stream().filter(id -> !GraphFolding.isCluster(id)).collect(Collectors.toSet()),
                "every node two hops away is shown; the sweep's thirteen runs fold into a cluster");
        assertEquals(jobRun, model.selectedProperty().get());
        assertTrue(model.searchResults().isEmpty(), "choosing a result closes the results");
        assertEquals("job-run", model.details().get(1).value());
    }

    @Test
    void thirteenRunsOfOneKindFoldIntoACountedClusterThatOpensOnClick() {
        LineageNode features = named("features/train.parquet@");
        model.focus(features.id());

        LaidOutGraph shown = model.shownProperty().get();
        List<LineageNode> clusters = shown.nodes().stream().map(LaidOutGraph.Placed::node)
                .filter(n -> GraphFolding.isCluster(n.id())).toList();
        assertEquals(1, clusters.size(), "one cluster: " + clusters);
        LineageNode cluster = clusters.get(0);
        assertEquals("13 × mlflow-run", cluster.name());
        assertEquals("13", cluster.properties().get("count"));
        assertEquals("1", cluster.properties().get("status failed"), "one trial of each sweep failed");
        assertTrue(shown.edges().stream().anyMatch(r -> r.edge().to().equals(cluster.id())), "edges lead into the cluster");

        model.click(cluster.id(), false);

        assertTrue(shownIds().stream().noneMatch(GraphFolding::isCluster), "opened");
        assertEquals(13, shownIds().stream().filter(id -> id.kind().equals(NodeKind.EXPERIMENT_RUN)).count());
    }

    @Test
    void ninesiblingsStayUnfoldedAndTenFold() {
        InMemoryLineage fan = new InMemoryLineage();
        NodeId data = NodeId.of(NodeKind.DATASET_VERSION, "s3://b:x@1");
        fan.add(new LineageNode(data, "x@1", "", Map.of()));
        for (int i = 0; i < 10; i++) {
            NodeId run = NodeId.of(NodeKind.EXPERIMENT_RUN, "t:" + i);
            fan.add(new LineageNode(run, "run " + i, "FINISHED", Map.of()));
            if (i < 9) {
                fan.add(new LineageEdge(data, run, EdgeKind.INPUT, "t", LineageGraphs.START));
            }
        }
        LineageExplorerViewModel nine = new LineageExplorerViewModel(fan, LineageLinks.NONE, new ImmediateTaskRunner());
        nine.focus(data);
        assertEquals(10, nine.shownProperty().get().nodes().size(), "nine runs and the dataset, unfolded");

        fan.add(new LineageEdge(data, NodeId.of(NodeKind.EXPERIMENT_RUN, "t:9"), EdgeKind.INPUT, "t", LineageGraphs.START));
        nine.focus(data);
        assertEquals(2, nine.shownProperty().get().nodes().size(), "the dataset and one cluster of ten");
    }

    @Test
    void expandingLoadsOneMoreHopAndCollapsingTakesItAway() {
        LineageNode alias = named("champion");
        model.focus(alias.id());
        Set<NodeId> before = shownIds();
        NodeId model6 = graph.find("churn-classifier v6", 1).get(0).id();
        NodeId logged = graph.neighbourhood(model6, 1, 0, null).nodes().stream()
                .filter(n -> n.kind().equals(NodeKind.LOGGED_MODEL)).findFirst().orElseThrow().id();
        assertTrue(before.contains(logged));

        model.toggleExpanded(logged);

        assertTrue(model.isExpanded(logged));
        Set<NodeId> after = shownIds();
        assertTrue(after.size() > before.size(), after.size() + " > " + before.size());
        assertTrue(after.containsAll(before));
        assertTrue(after.stream().anyMatch(id -> id.kind().equals(NodeKind.EXPERIMENT_RUN)), "the run that logged it");

        model.toggleExpanded(logged);

        assertFalse(model.isExpanded(logged));
        assertEquals(before, shownIds());
    }

    @Test
    void hiddenKindsLeaveTheGraphAndComeBack() {
        model.focus(named("features/train.parquet@").id());
        assertTrue(model.kinds().contains(NodeKind.JOB_RUN));

        model.setKindVisible(NodeKind.JOB_RUN, false);
        assertTrue(shownIds().stream().noneMatch(id -> id.kind().equals(NodeKind.JOB_RUN)));
        assertTrue(model.shownProperty().get().edges().stream()
                .noneMatch(r -> r.edge().from().kind().equals(NodeKind.JOB_RUN) || r.edge().to().kind().equals(NodeKind.JOB_RUN)));

        model.setKindVisible(NodeKind.JOB_RUN, true);
        assertTrue(shownIds().stream().anyMatch(id -> id.kind().equals(NodeKind.JOB_RUN)));
    }

    @Test
    void twoUnconnectedNodesHaveNoPath() {
        LineageNode job = named("churn.build_features");
        LineageNode registered = named("churn-classifier");
        assertTrue(graph.paths(job.id(), registered.id(), 1, null).isEmpty() && graph.paths(registered.id(), job.id(), 1, null).isEmpty());
        model.focus(job.id());

        model.click(registered.id(), true);

        assertEquals(registered, model.secondProperty().get());
        assertEquals(PathHighlight.NONE, model.pathProperty().get());
        assertTrue(model.statusProperty().get().startsWith("No path between churn.build_features and churn-classifier"),
                model.statusProperty().get());
    }

    @Test
    void selectingTwoNodesHighlightsThePathEvenThroughNodesNotLoaded() {
        LineageNode alias = named("champion");
        NodeId version = graph.neighbourhood(alias.id(), 1, 0, null).nodes().stream()
                .filter(n -> n.kind().equals(NodeKind.MODEL_VERSION)).findFirst().orElseThrow().id();
        LineageNode raw = graph.nodes().stream().filter(n -> n.kind().equals(NodeKind.DATASET_VERSION)
                && n.name().startsWith("raw/") && !graph.paths(n.id(), alias.id(), 1, null).isEmpty()).findFirst().orElseThrow();
        model.focus(alias.id());
        model.select(alias.id());

        model.click(raw.id(), true);

        PathHighlight highlight = model.pathProperty().get();
        assertEquals(1, highlight.paths());
        List<NodeId> path = graph.paths(raw.id(), alias.id(), 5, null).get(0);
        assertEquals(Set.copyOf(path), highlight.nodes());
        assertTrue(shownIds().containsAll(path), "every node of the path is drawn, loaded or not before");
        long highlighted = model.shownProperty().get().edges().stream().filter(r -> highlight.contains(r.edge())).count();
        assertEquals(path.size() - 1, highlighted, "each hop has its edge drawn");
        assertTrue(path.contains(version));
        assertEquals(raw.id(), model.secondProperty().get().id());
    }

    @Test
    void arrowsMoveUpstreamDownstreamAndAmongSiblings() {
        LineageNode parent = named("sweep-6");
        model.focus(parent.id());
        model.click(model.shownProperty().get().nodes().stream().map(LaidOutGraph.Placed::node)
                .filter(n -> GraphFolding.isCluster(n.id())).findFirst().orElseThrow().id(), false);
        model.select(parent.id());

        model.move(Move.DOWNSTREAM);
        LineageNode child = model.selectedProperty().get();
        assertTrue(child.name().startsWith("sweep-6/trial-"), child.name());

        model.move(Move.NEXT_SIBLING);
        LineageNode sibling = model.selectedProperty().get();
        assertTrue(sibling.name().startsWith("sweep-6/trial-") && !sibling.equals(child), sibling.name());
        Map<NodeId, LaidOutGraph.Placed> boxes = model.shownProperty().get().byId();
        assertTrue(boxes.get(sibling.id()).y() > boxes.get(child.id()).y(), "down is below");

        model.move(Move.PREVIOUS_SIBLING);
        assertEquals(child, model.selectedProperty().get());

        model.move(Move.UPSTREAM);
        LineageNode up = model.selectedProperty().get();
        assertTrue(up.equals(parent) || up.kind().equals(NodeKind.DATASET_VERSION), up.name());
    }

    @Test
    void asOfShowsTheGraphAsItStoodThen() {
        LineageNode model6 = named("churn-classifier");
        model.focus(model6.id());
        long versionsNow = shownIds().stream().filter(id -> id.kind().equals(NodeKind.MODEL_VERSION)).count();
        assertEquals(6, versionsNow);
        assertNotNull(model.timeRangeProperty().get());

        model.setAsOf(LineageGraphs.START.plus(Duration.ofDays(2)).plusSeconds(8000));

        assertEquals(3, shownIds().stream().filter(id -> id.kind().equals(NodeKind.MODEL_VERSION)).count());
        model.setAsOf(null);
        assertEquals(6, shownIds().stream().filter(id -> id.kind().equals(NodeKind.MODEL_VERSION)).count());
    }

    @Test
    void exportsTheShownGraphAndOpensLinks(@TempDir Path dir) throws Exception {
        LineageNode run = named("sweep-2");
        model.focus(run.id());
        assertEquals("Open in Experiments", model.linkLabelProperty().get());

        Path dot = dir.resolve("shown.dot");
        model.export(GraphExport.Format.DOT, dot);
        String text = Files.readString(dot);
        assertTrue(text.contains("\"" + run.id().value() + "\""), text);
        assertEquals(model.shownProperty().get().edges().size(), text.lines().filter(l -> l.contains(" -> ")).count());

        model.openLink();
        assertEquals(run, opened.get());
    }

    @Test
    void otherScreensOpenTheExplorerOnARunOrACommitByItsKey() {
        LineageNode run = named("sweep-3/trial-2");
        model.focusOn(NodeKind.EXPERIMENT_RUN, run.properties().get("run_id"));
        assertEquals(run.id(), model.focusProperty().get());
        assertEquals(run, model.selectedProperty().get());

        LineageNode commit = graph.nodes().stream().filter(n -> n.kind().equals(NodeKind.COMMIT)).findFirst().orElseThrow();
        model.focusOn(NodeKind.COMMIT, commit.properties().get("sha"));
        assertEquals(commit.id(), model.focusProperty().get());

        model.focusOn(NodeKind.COMMIT, "0000000000000000000000000000000000000000");
        assertEquals(commit.id(), model.focusProperty().get(), "an unknown commit leaves the explorer where it was");
        assertTrue(model.statusProperty().get().startsWith("The lineage graph has no commit 0000"), model.statusProperty().get());
    }
}
