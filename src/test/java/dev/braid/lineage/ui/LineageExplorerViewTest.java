package dev.braid.lineage.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.lineage.InMemoryLineage;
import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageGraphs;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeKind;
import dev.braid.ui.FxTaskRunner;
import dev.braid.ui.Theme;
import dev.braid.ui.ThemeApplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class LineageExplorerViewTest {
    @TempDir
    Path folder;
    private final InMemoryLineage graph = LineageGraphs.project("churn", 8, 3);
    private final FxTaskRunner runner = new FxTaskRunner(2);
    private final AtomicReference<String> askedFor = new AtomicReference<>();
    private final AtomicReference<LineageNode> opened = new AtomicReference<>();
    private LineageExplorerViewModel model;

    @Start
    void start(Stage stage) {
        model = new LineageExplorerViewModel(graph, node -> Optional.of(() -> opened.set(node)), runner);
        LineageExplorerView view = new LineageExplorerView(model, (extension, owner) -> {
            askedFor.set(extension);
            return folder.resolve("shown." + extension);
        });
        Scene scene = new Scene((Parent) view.node(), 1280, 800);
        new ThemeApplier(Map.of()).apply(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void searchingANodeShowsItsNeighbourhoodAndDetails(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);

        view.search("churn-classifier v8");

        view.waitUntil(() -> view.shownNames().contains("champion"));
        assertEquals("churn-classifier v8", view.detailsTitle());
        assertTrue(view.shownNames().contains("churn-classifier"), view.shownNames().toString());
        assertTrue(view.canvas().redrawCount() > 0);
    }

    @Test
    void expandingANodeLoadsOneMoreHop(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);
        view.search("champion");
        view.waitUntil(() -> view.shownNames().contains("churn-classifier"));
        int before = view.shownNames().size();
        LineageNode registered = view.shown("churn-classifier");

        view.clickNode(registered.id(), false);
        view.waitUntil(() -> view.detailsTitle().equals("churn-classifier"));
        view.clickButton("#expandButton");

        view.waitUntil(() -> view.shownNames().size() > before);
        assertTrue(view.shownNames().contains("churn-classifier v1"), "every version of the model: " + view.shownNames());
        view.waitUntil(() -> robot.lookup("#expandButton").queryButton().getText().equals("Collapse"));

        view.clickButton("#expandButton");
        view.waitUntil(() -> view.shownNames().size() == before);
    }

    @Test
    void selectingTwoNodesHighlightsThePathBetweenThem(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);
        view.search("churn-classifier v8");
        view.waitUntil(() -> view.shownNames().contains("champion"));
        LineageNode alias = view.shown("champion");
        LineageNode logged = view.graph().nodes().stream().map(LaidOutGraph.Placed::node)
                .filter(n -> n.kind().equals(NodeKind.LOGGED_MODEL)).findFirst().orElseThrow();

        view.clickNode(logged.id(), false);
        view.waitUntil(() -> view.detailsTitle().equals(logged.name()));
        view.clickNode(alias.id(), true);

        view.waitUntil(() -> model.pathProperty().get().paths() == 1);
        assertEquals(3, model.pathProperty().get().nodes().size(), "logged model → version → alias");
        assertTrue(view.status().startsWith("1 path of 2 hops"), view.status());
        assertTrue(robot.lookup(".lineage-path-note").query().isVisible());
        assertEquals(2, view.graph().edges().stream().filter(r -> model.pathProperty().get().contains(r.edge())).count());
    }

    @Test
    void exportsTheShownGraphAsDot(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);
        view.search("champion");
        view.waitUntil(() -> !view.shownNames().isEmpty());

        view.export("dot");

        Path file = folder.resolve("shown.dot");
        view.waitUntil(() -> Files.exists(file) && view.status().startsWith("Exported"));
        assertEquals("dot", askedFor.get());
        String dot = Files.readString(file);
        assertTrue(dot.startsWith("digraph lineage {"), dot);
        for (String name : view.shownNames()) {
            assertTrue(dot.contains("label=\"" + name), name + " in " + dot);
        }
    }

    @Test
    void exportsAPicture(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);
        view.search("champion");
        view.waitUntil(() -> !view.shownNames().isEmpty());

        view.export("png");

        Path file = folder.resolve("shown.png");
        view.waitUntil(() -> view.status().startsWith("Exported"));
        byte[] png = Files.readAllBytes(file);
        assertEquals(List.of((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G'), List.of(png[0], png[1], png[2], png[3]));
    }

    @Test
    void arrowsMoveTheSelectionAndEdgesNameTheirKindOnHover(FxRobot robot) throws Exception {
        LineageExplorerViewHandle view = new LineageExplorerViewHandle(robot, model);
        view.search("churn-classifier v8");
        view.waitUntil(() -> view.shownNames().contains("champion"));

        view.pressOnGraph(KeyCode.RIGHT);
        view.waitUntil(() -> view.detailsTitle().equals("champion"));
        view.pressOnGraph(KeyCode.LEFT);
        view.waitUntil(() -> view.detailsTitle().equals("churn-classifier v8"));

        LaidOutGraph.Route alias = view.graph().edges().stream()
                .filter(r -> r.edge().to().kind().equals(NodeKind.ALIAS)).findFirst().orElseThrow();
        String hover = view.hoverEdge(alias);
        assertTrue(hover.startsWith("alias\nasserted by tracking"), hover);
    }
}
