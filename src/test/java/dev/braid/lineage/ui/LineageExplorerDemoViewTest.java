package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The explorer over the demo workspace's real graph, read through the real lineage service from
 * a SQLite cache: open it, expand a node, select two nodes and see the path, export DOT.
 */
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageExplorerDemoViewTest {
    @TempDir
    Path folder;
    private DemoCache demo;
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final AtomicReference<LineageNode> opened = new AtomicReference<>();
    private LineageExplorerViewModel model;

    @BeforeAll
    void openTheDemo() throws Exception {
        demo = DemoCache.open();
    }

    @Start
    void start(Stage stage) {
        model = new LineageExplorerViewModel(demo.context().lineage(), node -> Optional.of(() -> opened.set(node)), runner);
        LineageExplorerView view = new LineageExplorerView(model, (extension, owner) -> folder.resolve("shown." + extension));
        Scene scene = new Scene((Parent) view.node(), 1280, 800);
        new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        stage.toFront();
    }

    @AfterAll
    void closeTheDemo() throws Exception {
        runner.close();
        demo.close();
    }

    @Test
    void openExpandSelectTwoNodesForThePathAndExportDot(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);

        // Opens on the newest model version, with the run that made it and the data it read.
        view.waitUntil(() -> view.detailsTitle().equals("churn-classifier v4") && view.shownNames().contains("churn-classifier"));

        LineageNode registered = view.shown("churn-classifier");
        view.clickNode(registered.id(), false);
        view.waitUntil(() -> view.detailsTitle().equals("churn-classifier"));
        int before = view.shownNames().size();
        view.clickButton("#expandButton");
        view.waitUntil(() -> view.shownNames().containsAll(java.util.List.of("churn-classifier v1", "churn-classifier v2",
                "churn-classifier v3")));
        assertTrue(view.shownNames().size() > before);

        LineageNode data = view.graph().nodes().stream().map(LaidOutGraph.Placed::node)
                .filter(n -> n.kind().equals(NodeKind.DATASET_VERSION) && n.name().startsWith("customers-train@")).findFirst()
                .orElseThrow(() -> new AssertionError("no training data shown: " + view.shownNames()));
        LineageNode challenger = view.shown("churn-classifier@challenger");
        view.clickNode(data.id(), false);
        view.waitUntil(() -> view.detailsTitle().equals(data.name()));
        view.clickNode(challenger.id(), true);

        view.waitUntil(() -> model.pathProperty().get().paths() >= 1);
        assertTrue(view.status().matches("\\d+ paths? of 4 hops between " + java.util.regex.Pattern.quote(data.name())
                + " and churn-classifier@challenger"), view.status());
        assertEquals(java.util.List.of(NodeKind.DATASET_VERSION, NodeKind.EXPERIMENT_RUN, NodeKind.LOGGED_MODEL,
                NodeKind.MODEL_VERSION, NodeKind.ALIAS).size(), model.pathProperty().get().nodes().size(),
                "training data → run → logged model → version → alias");
        assertTrue(model.pathProperty().get().nodes().stream().anyMatch(id -> id.kind().equals(NodeKind.LOGGED_MODEL)));

        view.export("dot");

        Path file = folder.resolve("shown.dot");
        view.waitUntil(() -> Files.exists(file) && view.status().startsWith("Exported"));
        String dot = Files.readString(file);
        assertTrue(dot.startsWith("digraph lineage {"), dot);
        for (String name : view.shownNames()) {
            assertTrue(dot.contains("label=\"" + name), name + " in " + dot);
        }
    }

    @Test
    void searchingTheDemoFindsThePipelinesSourceTable(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);
        view.waitUntil(() -> !view.shownNames().isEmpty());

        view.search("crm.public.customers");

        view.waitUntil(() -> view.detailsTitle().equals("crm.public.customers") && view.shownNames().size() > 1);
        assertTrue(view.shownNames().stream().anyMatch(name -> name.matches("\\d+ × job-run")),
                "the ingest runs that read it, folded into a cluster: " + view.shownNames());
    }
}
