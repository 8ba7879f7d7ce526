package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.NodeId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * The lineage graph on a canvas, with pan (drag the background), zoom (wheel, around the cursor),
 * fit, a hover label naming the node or the edge's kind under the pointer (mouse handling in
 * {@link GraphPointer}), and a minimap in the corner while the graph is larger than the view.
 * Clicks are reported, never acted on here.
 */
public final class GraphCanvas extends Region {
    /** A click on a node: {@code additive} when ctrl (or cmd) was held, {@code badge} on its expand badge. */
    public record NodeClick(NodeId node, boolean additive, boolean badge, int clicks) {
    }

    private static final double READABLE_SCALE = 0.65;
    private final Canvas canvas = new Canvas();
    private final GraphMinimap minimap;
    private final GraphColours colours = new GraphColours(this, this::redraw);
    private final GraphPainter painter;
    private final Viewport view = new Viewport();
    private LaidOutGraph graph = LaidOutGraph.EMPTY;
    private Map<NodeId, LaidOutGraph.Placed> boxes = Map.of();
    private GraphPainter.Marks marks = GraphPainter.Marks.NONE;
    private final GraphPointer pointer;
    private boolean fitPending = true;
    private NodeId centreOnShow;
    private long redraws;

    public GraphCanvas() {
        getStyleClass().add("lineage-graph");
        painter = new GraphPainter(KindIcons.font(17));
        minimap = new GraphMinimap(view, colours, this::redraw);
        getChildren().addAll(canvas, minimap);
        setFocusTraversable(true);
        setMinSize(100, 100);
        pointer = new GraphPointer(this, view, () -> graph, this::redraw);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return GraphColours.ALL;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return GraphColours.ALL;
    }

    GraphColours colours() {
        return colours;
    }

    public void setOnNodeClick(Consumer<NodeClick> handler) {
        pointer.setOnNodeClick(handler);
    }

    /**
     * Shows a new graph. The node {@code anchor} (the selection) keeps its place on screen when it
     * is in both the old and the new graph, so expanding a node does not throw the view about;
     * otherwise the view fits the graph.
     */
    public void setGraph(LaidOutGraph next, NodeId anchor) {
        LaidOutGraph.Placed before = anchor == null ? null : boxes.get(anchor);
        double sx = before == null ? 0 : view.toScreenX(before.x());
        double sy = before == null ? 0 : view.toScreenY(before.y());
        graph = next;
        boxes = next.byId();
        painter.reset();
        pointer.forget();
        LaidOutGraph.Placed after = anchor == null ? null : boxes.get(anchor);
        if (before != null && after != null && !fitPending) {
            view.anchor(after.x(), after.y(), sx, sy);
        } else {
            fitPending = true;
            centreOnShow = anchor;
        }
        minimap.setGraph(next);
        requestLayout();
        redraw();
    }

    public void setMarks(NodeId selected, NodeId second, PathHighlight path, java.util.function.Predicate<NodeId> expanded) {
        marks = new GraphPainter.Marks(selected, second, path, pointer.hoverNode(), pointer.hoverEdge(), expanded);
        redraw();
    }

    /**
     * Shows the whole graph when that keeps labels readable; a larger graph is shown at the
     * smallest readable scale around the selection (or its middle), and the minimap shows the rest.
     */
    public void fit() {
        view.fit(graph.width(), graph.height(), getWidth(), getHeight());
        if (view.scale() < READABLE_SCALE) {
            LaidOutGraph.Placed centre = marks.selected() == null ? null : boxes.get(marks.selected());
            view.zoom(READABLE_SCALE / view.scale(), 0, 0);
            view.anchor(centre != null ? centre.centreX() : graph.width() / 2, centre != null ? centre.centreY() : graph.height() / 2,
                    getWidth() / 2, getHeight() / 2);
            view.clamp(graph.width(), graph.height(), getWidth(), getHeight());
        }
        redraw();
    }

    /**
     * After an expansion: keeps the view's scale and moves it as little as needed to bring
     * {@code ids} (the expanded node and what it brought in) into view; zooms out only as far as a
     * readable scale allows, and beyond that centres the expanded node and its new neighbours' middle.
     */
    public void bringIntoView(java.util.Collection<NodeId> ids) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeId id : ids) {
            LaidOutGraph.Placed box = boxes.get(id);
            if (box != null) {
                minX = Math.min(minX, box.x());
                minY = Math.min(minY, box.y());
                maxX = Math.max(maxX, box.x() + box.width());
                maxY = Math.max(maxY, box.y() + box.height());
            }
        }
        double w = getWidth();
        double h = getHeight();
        if (minX > maxX || w <= 0 || h <= 0 || fitPending) {
            return;
        }
        double margin = 30;
        boolean inView = view.toScreenX(minX) >= 0 && view.toScreenY(minY) >= 0 && view.toScreenX(maxX) <= w
                && view.toScreenY(maxY) <= h;
        if (inView) {
            return;
        }
        double needed = Math.min((w - 2 * margin) / (maxX - minX), (h - 2 * margin) / (maxY - minY));
        if (needed < view.scale()) {
            view.zoom(Math.max(READABLE_SCALE, needed) / view.scale(), w / 2, h / 2);
        }
        double dx = 0;
        double dy = 0;
        if (view.toScreenX(minX) < margin) {
            dx = margin - view.toScreenX(minX);
        } else if (view.toScreenX(maxX) > w - margin) {
            dx = Math.max(margin - view.toScreenX(minX), (w - margin) - view.toScreenX(maxX));
        }
        if (view.toScreenY(minY) < margin) {
            dy = margin - view.toScreenY(minY);
        } else if (view.toScreenY(maxY) > h - margin) {
            dy = Math.max(margin - view.toScreenY(minY), (h - margin) - view.toScreenY(maxY));
        }
        view.pan(dx, dy);
        redraw();
    }

    public void zoom(double factor) {
        view.zoom(factor, getWidth() / 2, getHeight() / 2);
        redraw();
    }

    /** Zooms and scrolls so these nodes (a highlighted path) are all in view, at most at natural size. */
    public void frame(java.util.Collection<NodeId> ids) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeId id : ids) {
            LaidOutGraph.Placed box = boxes.get(id);
            if (box != null) {
                minX = Math.min(minX, box.x());
                minY = Math.min(minY, box.y());
                maxX = Math.max(maxX, box.x() + box.width());
                maxY = Math.max(maxY, box.y() + box.height());
            }
        }
        if (minX > maxX || getWidth() <= 0) {
            return;
        }
        fitPending = false;
        view.fit(maxX - minX, maxY - minY, Math.max(50, getWidth() - 60), Math.max(50, getHeight() - 60));
        view.anchor((minX + maxX) / 2, (minY + maxY) / 2, getWidth() / 2, getHeight() / 2);
        redraw();
    }

    /** Scrolls so the node is in view, if it is not already. */
    public void reveal(NodeId id) {
        LaidOutGraph.Placed box = boxes.get(id);
        if (box == null) {
            return;
        }
        double sx = view.toScreenX(box.x());
        double sy = view.toScreenY(box.y());
        double sw = box.width() * view.scale();
        double sh = box.height() * view.scale();
        if (sx < 0 || sy < 0 || sx + sw > getWidth() || sy + sh > getHeight()) {
            view.anchor(box.centreX(), box.centreY(), getWidth() / 2, getHeight() / 2);
            redraw();
        }
    }

    public double scale() {
        return view.scale();
    }

    public long redrawCount() {
        return redraws;
    }

    /** What the hover label says now: the node's name and id, or the edge's kind, source and time. */
    public String hoverText() {
        return pointer.hoverText();
    }

    /** The screen point (in this region) of a node's centre, for tests that click nodes. */
    public Optional<double[]> screenCentre(NodeId id) {
        LaidOutGraph.Placed box = boxes.get(id);
        return box == null ? Optional.empty()
                : Optional.of(new double[] {view.toScreenX(box.centreX()), view.toScreenY(box.centreY())});
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        if (fitPending && w > 0 && h > 0 && graph != LaidOutGraph.EMPTY) {
            fitPending = false;
            firstView(w, h);
        }
        minimap.place(w, h);
        redraw();
    }

    /**
     * A new graph is fitted when that keeps labels readable; a larger one opens at a readable
     * scale around the selected node, slid so that no side of the view is left empty, and the
     * minimap shows the rest.
     */
    private void firstView(double w, double h) {
        view.fit(graph.width(), graph.height(), w, h);
        LaidOutGraph.Placed centre = centreOnShow == null ? null : boxes.get(centreOnShow);
        if (view.scale() < READABLE_SCALE && centre != null) {
            view.zoom(READABLE_SCALE / view.scale(), 0, 0);
            view.anchor(centre.centreX(), centre.centreY(), w / 2, h / 2);
            view.clamp(graph.width(), graph.height(), w, h);
        }
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        redraws++;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        GraphPainter.Marks now = new GraphPainter.Marks(marks.selected(), marks.second(), marks.path(), pointer.hoverNode(),
                pointer.hoverEdge(), marks.expanded());
        painter.paint(gc, graph, view, w, h, colours, now);
        pointer.paintLabel(gc, w, h, colours);
        minimap.update(graph.width() * view.scale() > w + 1 || graph.height() * view.scale() > h + 1, w, h);
    }
}
