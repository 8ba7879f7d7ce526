package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;

/**
 * The whole graph in miniature in the view's corner, with the visible part outlined; pressing or
 * dragging in it moves the view there. Shown only while the graph does not fit the view.
 */
final class GraphMinimap extends Canvas {
    private static final double MAX_WIDTH = 200;
    private static final double MAX_HEIGHT = 140;
    private static final double MARGIN = 12;
    private final Viewport view;
    private final GraphColours colours;
    private final Runnable moved;
    private LaidOutGraph graph = LaidOutGraph.EMPTY;
    private double ratio = 1;
    private double viewWidth;
    private double viewHeight;

    GraphMinimap(Viewport view, GraphColours colours, Runnable moved) {
        this.view = view;
        this.colours = colours;
        this.moved = moved;
        getStyleClass().add("lineage-minimap");
        setVisible(false);
        setManaged(false);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::centreOn);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::centreOn);
        // Clicks here must not reach the graph below (they would select or pan it).
        addEventHandler(MouseEvent.ANY, MouseEvent::consume);
    }

    void setGraph(LaidOutGraph graph) {
        this.graph = graph;
    }

    /** Sizes itself to the graph's proportions and sits in the bottom-right corner of a view this big. */
    void place(double width, double height) {
        if (graph.width() <= 0 || graph.height() <= 0) {
            return;
        }
        ratio = Math.min(MAX_WIDTH / graph.width(), MAX_HEIGHT / graph.height());
        setWidth(Math.max(24, graph.width() * ratio));
        setHeight(Math.max(24, graph.height() * ratio));
        relocate(width - getWidth() - MARGIN, height - getHeight() - MARGIN);
    }

    void update(boolean show, double width, double height) {
        viewWidth = width;
        viewHeight = height;
        setVisible(show && graph != LaidOutGraph.EMPTY);
        if (!isVisible()) {
            return;
        }
        GraphicsContext gc = getGraphicsContext2D();
        gc.setFill(colours.get("minimap"));
        gc.fillRect(0, 0, getWidth(), getHeight());
        for (LaidOutGraph.Placed box : graph.nodes()) {
            gc.setFill(colours.kind(box.node().kind()));
            gc.fillRect(box.x() * ratio, box.y() * ratio, Math.max(1.5, box.width() * ratio), Math.max(1.5, box.height() * ratio));
        }
        gc.setStroke(colours.get("selection"));
        gc.setLineWidth(1.5);
        double x = view.toWorldX(0) * ratio;
        double y = view.toWorldY(0) * ratio;
        gc.strokeRect(x, y, width / view.scale() * ratio, height / view.scale() * ratio);
        gc.setStroke(colours.get("muted"));
        gc.setLineWidth(1);
        gc.strokeRect(0.5, 0.5, getWidth() - 1, getHeight() - 1);
    }

    private void centreOn(MouseEvent event) {
        view.anchor(event.getX() / ratio, event.getY() / ratio, viewWidth / 2, viewHeight / 2);
        moved.run();
    }
}
