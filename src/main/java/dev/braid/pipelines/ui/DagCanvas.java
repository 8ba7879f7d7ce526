package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineDag;
import dev.braid.pipelines.PipelineJob;
import dev.braid.ui.chart.PlotCanvas;
import dev.braid.ui.chart.PlotPalette;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * A run's job graph: one column per layer, a box per job in its status colour, arrows for what
 * each job waits for, the critical path drawn thick. Clicking a job opens its log.
 *
 * <p>Inside a scroll pane only what the viewport shows is drawn, on a canvas the viewport's size,
 * and scrolling draws again: a 300-job graph is several screens wide, and drawing and rasterising
 * all of it took more than the 200 ms the issue allows for showing it (measured in {@code bench/},
 * PipelineGraphBenchmark).
 */
final class DagCanvas extends PlotCanvas {
    static final double BOX_W = 160;
    static final double BOX_H = 36;
    static final double GAP_X = 48;
    static final double GAP_Y = 14;
    static final double MARGIN = 16;
    private PipelineDag dag;
    private final Consumer<PipelineJob> onJob;
    private ScrollPane scroller;

    DagCanvas(Consumer<PipelineJob> onJob) {
        this.onJob = onJob;
        getStyleClass().add("pipeline-dag");
        setOnMouseClicked(e -> {
            PipelineJob hit = jobAt(e.getX(), e.getY());
            if (hit != null) {
                onJob.accept(hit);
            }
        });
    }

    void show(PipelineDag graph) {
        this.dag = graph;
        if (graph != null) {
            int rows = graph.nodes().stream().mapToInt(PipelineDag.Node::row).max().orElse(0) + 1;
            setPrefSize(MARGIN * 2 + graph.layers() * (BOX_W + GAP_X), MARGIN * 2 + rows * (BOX_H + GAP_Y) + 20);
        }
        redrawLater();
    }

    PipelineDag dag() {
        return dag;
    }

    static double x(PipelineDag.Node n) {
        return MARGIN + n.layer() * (BOX_W + GAP_X);
    }

    static double y(PipelineDag.Node n) {
        return MARGIN + 20 + n.row() * (BOX_H + GAP_Y);
    }

    PipelineJob jobAt(double px, double py) {
        if (dag == null) {
            return null;
        }
        for (PipelineDag.Node n : dag.nodes()) {
            if (px >= x(n) && px <= x(n) + BOX_W && py >= y(n) && py <= y(n) + BOX_H) {
                return n.job();
            }
        }
        return null;
    }

    @Override
    protected void paint(GraphicsContext g, double width, double height, PlotPalette colours) {
        if (dag == null || dag.nodes().isEmpty()) {
            g.setFill(colours.text());
            g.fillText(dag == null ? "Choose a run to see its jobs." : "This run has no jobs.", MARGIN, MARGIN + 12);
            return;
        }
        Bounds shown = paintedArea(width, height);
        Map<String, PipelineDag.Node> byName = new HashMap<>();
        dag.nodes().forEach(n -> byName.put(n.job().name(), n));
        Set<String> critical = new HashSet<>(dag.criticalPath());
        g.setFill(colours.text());
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(dag.edgesFrom().equals("needs") ? "Edges: what each job needs" : dag.edgesFrom().equals("stages")
                ? "Edges: stage order (the source gives no needs)" : "The source names no order between these jobs",
                MARGIN, MARGIN + 4);
        for (PipelineDag.Edge e : dag.edges()) {
            PipelineDag.Node from = byName.get(e.from());
            PipelineDag.Node to = byName.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            boolean onPath = critical.contains(e.from()) && critical.contains(e.to()) && isStep(dag.criticalPath(), e);
            g.setStroke(onPath ? colours.selected() : colours.axis());
            g.setLineWidth(onPath ? 3 : 1);
            double x1 = x(from) + BOX_W;
            double y1 = y(from) + BOX_H / 2;
            double x2 = x(to);
            double y2 = y(to) + BOX_H / 2;
            // The curve lies inside the box of its end and control points.
            if (!shown.intersects(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1) + 1)) {
                continue;
            }
            g.beginPath();
            g.moveTo(x1, y1);
            g.bezierCurveTo(x1 + GAP_X / 2, y1, x2 - GAP_X / 2, y2, x2, y2);
            g.stroke();
        }
        for (PipelineDag.Node n : dag.nodes()) {
            double x = x(n);
            double y = y(n);
            if (!shown.intersects(x - 2, y - 2, BOX_W + 4, BOX_H + 4)) {
                continue;
            }
            Color fill = StatusColours.of(n.job().status(), colours);
            g.setFill(colours.background());
            g.fillRoundRect(x, y, BOX_W, BOX_H, 8, 8);
            g.setFill(fill.deriveColor(0, 1, 1, 0.18));
            g.fillRoundRect(x, y, BOX_W, BOX_H, 8, 8);
            g.setFill(fill);
            g.fillRoundRect(x, y, 6, BOX_H, 6, 6);
            g.setStroke(critical.contains(n.job().name()) ? colours.selected() : fill);
            g.setLineWidth(critical.contains(n.job().name()) ? 2.5 : 1);
            g.strokeRoundRect(x, y, BOX_W, BOX_H, 8, 8);
            g.setFill(colours.selected());
            g.setFont(Font.font(null, FontWeight.BOLD, 12));
            g.fillText(clip(n.job().name(), 20), x + 12, y + 12);
            g.setFont(Font.font(11));
            g.setFill(colours.text());
            g.fillText(n.job().status().word() + "  " + Durations.short_(n.job().durationMs())
                    + (n.job().attempt() > 1 ? "  try " + n.job().attempt() : ""), x + 12, y + 26);
        }
    }

    /**
     * The part of the canvas a surrounding scroll pane shows (all of it without one). The first
     * call finds the pane and draws again whenever it scrolls or resizes.
     */
    @Override
    protected Bounds paintedArea(double width, double height) {
        Bounds all = new BoundingBox(0, 0, width, height);
        if (scroller == null) {
            for (Parent p = getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane pane) {
                    scroller = pane;
                    pane.hvalueProperty().addListener((o, a, b) -> redrawLater());
                    pane.vvalueProperty().addListener((o, a, b) -> redrawLater());
                    pane.viewportBoundsProperty().addListener((o, a, b) -> redrawLater());
                    break;
                }
            }
        }
        if (scroller == null || scroller.getScene() == null || getScene() == null) {
            return all;
        }
        Bounds viewport = sceneToLocal(scroller.localToScene(scroller.getLayoutBounds()));
        return viewport == null || !viewport.intersects(all) ? all : viewport;
    }

    private static boolean isStep(List<String> path, PipelineDag.Edge e) {
        int at = path.indexOf(e.from());
        return at >= 0 && at + 1 < path.size() && path.get(at + 1).equals(e.to());
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
