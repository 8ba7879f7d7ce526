package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Lineage explorer as a person sees and uses it: the search box, the graph, the details panel and the menus. */
public final class LineageExplorerViewHandle {
    private final FxRobot robot;
    private final GraphCanvas canvas;
    private final LineageExplorerViewModel model;

    public LineageExplorerViewHandle(FxRobot robot, LineageExplorerViewModel model) {
        this.robot = robot;
        this.model = model;
        this.canvas = robot.lookup("#lineageGraph").queryAs(GraphCanvas.class);
    }

    public void waitUntil(BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            TimeoutException described = new TimeoutException("timed out; shown: " + shownNames() + " selected: "
                    + detailsTitle() + " status: " + status());
            described.initCause(e);
            throw described;
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Puts {@code text} in the search box and picks the first result with Enter. The text is set
     * at once rather than typed key by key: typing searches on every key, which only slows tests.
     */
    public void search(String text) throws TimeoutException {
        javafx.scene.control.TextField field = robot.lookup("#lineageSearch").queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(field);
        robot.interact(() -> field.setText(text));
        ListView<?> results = robot.lookup("#lineageSearchResults").queryAs(ListView.class);
        waitUntil(() -> results.isVisible() && !results.getItems().isEmpty());
        robot.type(KeyCode.ENTER);
    }

    public List<String> shownNames() {
        return graph().nodes().stream().map(p -> p.node().name()).toList();
    }

    public LaidOutGraph graph() {
        return model.shownProperty().get();
    }

    public LineageNode shown(String name) {
        return graph().nodes().stream().map(LaidOutGraph.Placed::node).filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not shown: " + shownNames()));
    }

    /** Clicks a node in the drawing, holding Ctrl when {@code additive}; scrolls it into view first. */
    public void clickNode(NodeId id, boolean additive) {
        robot.interact(() -> canvas.reveal(id));
        double[] centre = canvas.screenCentre(id).orElseThrow(() -> new AssertionError(id + " is not drawn"));
        Point2D point = canvas.localToScreen(centre[0], centre[1]);
        if (additive) {
            robot.press(KeyCode.CONTROL);
        }
        try {
            robot.moveTo(point).clickOn(javafx.scene.input.MouseButton.PRIMARY);
        } finally {
            if (additive) {
                robot.release(KeyCode.CONTROL);
            }
        }
    }

    /** Rests the pointer on the middle of an edge's first segment; returns what the hover label says. */
    public String hoverEdge(LaidOutGraph.Route route) {
        LaidOutGraph.Point a = route.points().get(0);
        LaidOutGraph.Point b = route.points().get(1);
        robot.interact(() -> canvas.fit());
        double scale = canvas.scale();
        double[] origin = canvas.screenCentre(route.edge().from()).orElseThrow();
        LaidOutGraph.Placed from = graph().byId().get(route.edge().from());
        double x = origin[0] + ((a.x() + b.x()) / 2 - from.centreX()) * scale;
        double y = origin[1] + ((a.y() + b.y()) / 2 - from.centreY()) * scale;
        robot.moveTo(canvas.localToScreen(x, y));
        WaitForAsyncUtils.waitForFxEvents();
        return canvas.hoverText();
    }

    public void pressOnGraph(KeyCode key) {
        robot.interact(canvas::requestFocus);
        robot.type(key);
    }

    public void clickButton(String id) {
        robot.clickOn(id);
    }

    /** Recent → the node of that name in the start list. */
    public void chooseRecent(String name) {
        robot.clickOn("#startMenu");
        robot.clickOn(robot.lookup(".menu-item").match(n -> n.lookup(".label") instanceof Label l && name.equals(l.getText()))
                .<javafx.scene.Node>query());
    }

    /** Export → the format's menu item. */
    public void export(String format) {
        robot.clickOn("#exportMenu");
        robot.clickOn("#export-" + format);
    }

    public String detailsTitle() {
        return robot.lookup("#lineageDetailsTitle").queryAs(Label.class).getText();
    }

    public String status() {
        return robot.lookup("#lineageStatus").queryAs(Label.class).getText();
    }

    public GraphCanvas canvas() {
        return canvas;
    }
}
