package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageEdge;
import dev.braid.lineage.NodeId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The pointer over the graph canvas: dragging the background pans, the wheel zooms around the
 * cursor, clicks on nodes and their expand badges are reported, and hovering names the node (or
 * the edge's kind, source and time) under the pointer in a label drawn beside it.
 */
final class GraphPointer {
    private final Region owner;
    private final Viewport view;
    private final Supplier<LaidOutGraph> graph;
    private final Runnable redraw;
    private Consumer<GraphCanvas.NodeClick> onNodeClick = click -> { };
    private NodeId hoverNode;
    private LaidOutGraph.Route hoverEdge;
    private String hoverText = "";
    private double pointerX;
    private double pointerY;
    private double dragX;
    private double dragY;
    private boolean dragged;

    /** Listens to {@code owner}'s mouse; {@code redraw} repaints after the view or the hover changed. */
    GraphPointer(Region owner, Viewport view, Supplier<LaidOutGraph> graph, Runnable redraw) {
        this.owner = owner;
        this.view = view;
        this.graph = graph;
        this.redraw = redraw;
        owner.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        owner.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        owner.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        owner.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        owner.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(null, null, ""));
        owner.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    void setOnNodeClick(Consumer<GraphCanvas.NodeClick> handler) {
        this.onNodeClick = handler;
    }

    /** A new graph: nothing is hovered until the pointer moves. */
    void forget() {
        hoverNode = null;
        hoverEdge = null;
        hoverText = "";
    }

    NodeId hoverNode() {
        return hoverNode;
    }

    LaidOutGraph.Route hoverEdge() {
        return hoverEdge;
    }

    String hoverText() {
        return hoverText;
    }

    /** Draws the hover label beside the pointer, kept inside the {@code w} × {@code h} canvas. */
    void paintLabel(GraphicsContext gc, double w, double h, GraphColours colours) {
        if (hoverText.isEmpty()) {
            return;
        }
        String[] lines = hoverText.split("\n");
        double width = 0;
        for (String line : lines) {
            width = Math.max(width, line.length() * 6.6);
        }
        width = Math.min(width + 16, w - 8);
        double height = lines.length * 16 + 8;
        double x = Math.min(pointerX + 14, w - width - 4);
        double y = Math.min(pointerY + 18, h - height - 4);
        gc.setFill(colours.get("text").deriveColor(0, 1, 1, 0.88));
        gc.fillRoundRect(x, y, width, height, 8, 8);
        gc.setFill(colours.get("background"));
        gc.setFont(Font.font(Font.getDefault().getFamily(), 11.5));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.length; i++) {
            gc.fillText(lines[i], x + 8, y + 4 + i * 16, width - 16);
        }
    }

    private void pressed(MouseEvent event) {
        owner.requestFocus();
        dragX = event.getX();
        dragY = event.getY();
        dragged = false;
    }

    private void dragged(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY || event.getButton() == MouseButton.MIDDLE) {
            view.pan(event.getX() - dragX, event.getY() - dragY);
            dragged |= Math.abs(event.getX() - dragX) + Math.abs(event.getY() - dragY) > 0;
            dragX = event.getX();
            dragY = event.getY();
            redraw.run();
        }
    }

    private void clicked(MouseEvent event) {
        if (dragged || event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double x = view.toWorldX(event.getX());
        double y = view.toWorldY(event.getY());
        boolean additive = event.isShortcutDown() || event.isControlDown();
        for (LaidOutGraph.Placed box : graph.get().nodes()) {
            double bx = box.x() + box.width();
            double by = box.y() + box.height();
            if (!GraphFolding.isCluster(box.node().id()) && Math.hypot(x - bx, y - by) <= GraphPainter.BADGE_RADIUS + 2) {
                onNodeClick.accept(new GraphCanvas.NodeClick(box.node().id(), additive, true, event.getClickCount()));
                return;
            }
        }
        graph.get().nodeAt(x, y).ifPresent(box ->
                onNodeClick.accept(new GraphCanvas.NodeClick(box.node().id(), additive, false, event.getClickCount())));
    }

    private void moved(MouseEvent event) {
        pointerX = event.getX();
        pointerY = event.getY();
        double x = view.toWorldX(pointerX);
        double y = view.toWorldY(pointerY);
        Optional<LaidOutGraph.Placed> node = graph.get().nodeAt(x, y);
        if (node.isPresent()) {
            hover(node.get().node().id(), null, node.get().node().name() + "\n" + node.get().node().id().value());
            return;
        }
        LaidOutGraph.Route edge = EdgeHits.nearest(graph.get(), x, y, 6 / view.scale());
        if (edge != null) {
            LineageEdge e = edge.edge();
            hover(null, edge, e.kind().id() + "\nasserted by " + e.assertedBy() + " at " + e.assertedAt());
        } else {
            hover(null, null, "");
        }
    }

    private void hover(NodeId node, LaidOutGraph.Route edge, String text) {
        boolean changed = !Objects.equals(node, hoverNode) || edge != hoverEdge || !text.equals(hoverText);
        hoverNode = node;
        hoverEdge = edge;
        hoverText = text;
        if (changed || !text.isEmpty()) {
            redraw.run();
        }
    }

    private void scrolled(ScrollEvent event) {
        if (event.getDeltaY() == 0) {
            return;
        }
        view.zoom(Math.pow(1.0015, event.getDeltaY()), event.getX(), event.getY());
        redraw.run();
        event.consume();
    }
}
