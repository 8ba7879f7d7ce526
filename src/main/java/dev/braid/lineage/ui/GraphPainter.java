package dev.braid.lineage.ui;

import dev.braid.lineage.LaidOutGraph;
import dev.braid.lineage.LineageNode;
import dev.braid.lineage.NodeId;
import dev.braid.lineage.NodeShape;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Paints a laid-out lineage graph on a canvas: edges first (highlighted paths on top, with
 * arrowheads), then each node's outline by kind, accent stripe, icon, name, kind and status, its
 * selection ring and its expand badge. Only what lies in the visible rectangle is drawn, and
 * below a small scale labels are left out, so large graphs stay quick to pan and zoom.
 */
final class GraphPainter {
    /** What to emphasise: selection, second selection, highlighted paths, hovered node and edge. */
    record Marks(NodeId selected, NodeId second, PathHighlight path, NodeId hover, LaidOutGraph.Route hoverEdge,
                 Predicate<NodeId> expanded) {
        static final Marks NONE = new Marks(null, null, PathHighlight.NONE, null, null, id -> false);
    }

    static final double BADGE_RADIUS = 8;
    private static final double TEXT_SCALE = 0.38;
    private final Font iconFont;
    private final Font nameFont = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12);
    private final Font detailFont = Font.font(Font.getDefault().getFamily(), 10.5);
    private final Font badgeFont = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12);
    private final Map<NodeId, String[]> fitted = new HashMap<>();
    private final Text measure = new Text();

    GraphPainter(Font iconFont) {
        this.iconFont = iconFont;
    }

    /** Forgets fitted labels; called when a new graph arrives. */
    void reset() {
        fitted.clear();
    }

    void paint(GraphicsContext gc, LaidOutGraph graph, Viewport view, double width, double height, GraphColours colours, Marks marks) {
        gc.setFill(colours.get("background"));
        gc.fillRect(0, 0, width, height);
        double left = view.toWorldX(0);
        double top = view.toWorldY(0);
        double right = view.toWorldX(width);
        double bottom = view.toWorldY(height);
        gc.save();
        gc.translate(view.offsetX(), view.offsetY());
        gc.scale(view.scale(), view.scale());
        // Plain edges go into one path stroked once (and their arrowheads into one fill): with
        // thousands of edges, one canvas command each is what makes a first paint slow.
        gc.beginPath();
        List<LaidOutGraph.Route> emphasised = new java.util.ArrayList<>();
        for (LaidOutGraph.Route route : graph.edges()) {
            if (!visible(route.points(), left, top, right, bottom)) {
                continue;
            }
            if (marks.path().contains(route.edge()) || route == marks.hoverEdge()) {
                emphasised.add(route);
            } else {
                line(gc, route.points());
            }
        }
        gc.setStroke(colours.get("edge"));
        gc.setLineWidth(1.2);
        gc.stroke();
        if (view.scale() >= TEXT_SCALE / 2) {
            gc.beginPath();
            for (LaidOutGraph.Route route : graph.edges()) {
                if (!emphasised.contains(route) && visible(route.points(), left, top, right, bottom)) {
                    arrowhead(gc, route.points(), 8.2);
                }
            }
            gc.setFill(colours.get("edge"));
            gc.fill();
        }
        for (LaidOutGraph.Route route : emphasised) {
            boolean onPath = marks.path().contains(route.edge());
            double weight = onPath ? 3 : 2.4;
            gc.beginPath();
            line(gc, route.points());
            gc.setStroke(onPath ? colours.get("path") : colours.get("edge"));
            gc.setLineWidth(weight);
            gc.stroke();
            gc.beginPath();
            arrowhead(gc, route.points(), 7 + weight);
            gc.setFill(onPath ? colours.get("path") : colours.get("edge"));
            gc.fill();
        }
        boolean labels = view.scale() >= TEXT_SCALE;
        for (LaidOutGraph.Placed placed : graph.nodes()) {
            if (placed.x() + placed.width() + 12 >= left && placed.x() - 12 <= right
                    && placed.y() + placed.height() >= top - 8 && placed.y() <= bottom) {
                node(gc, placed, colours, marks, labels);
            }
        }
        gc.restore();
    }

    private static boolean visible(List<LaidOutGraph.Point> points, double left, double top, double right, double bottom) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (LaidOutGraph.Point p : points) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        return maxX >= left && minX <= right && maxY >= top && minY <= bottom;
    }

    private static void line(GraphicsContext gc, List<LaidOutGraph.Point> points) {
        gc.moveTo(points.get(0).x(), points.get(0).y());
        for (int i = 1; i < points.size(); i++) {
            gc.lineTo(points.get(i).x(), points.get(i).y());
        }
    }

    private static void arrowhead(GraphicsContext gc, List<LaidOutGraph.Point> points, double size) {
        LaidOutGraph.Point tip = points.get(points.size() - 1);
        LaidOutGraph.Point before = points.get(points.size() - 2);
        double angle = Math.atan2(tip.y() - before.y(), tip.x() - before.x());
        gc.moveTo(tip.x(), tip.y());
        gc.lineTo(tip.x() - size * Math.cos(angle - 0.4), tip.y() - size * Math.sin(angle - 0.4));
        gc.lineTo(tip.x() - size * Math.cos(angle + 0.4), tip.y() - size * Math.sin(angle + 0.4));
        gc.closePath();
    }

    private void node(GraphicsContext gc, LaidOutGraph.Placed placed, GraphColours colours, Marks marks, boolean labels) {
        LineageNode node = placed.node();
        NodeId id = node.id();
        Color accent = colours.kind(node.kind());
        NodeShape shape = NodeShape.of(node.kind());
        double x = placed.x();
        double y = placed.y();
        double w = placed.width();
        double h = placed.height();
        boolean selected = id.equals(marks.selected()) || id.equals(marks.second());
        boolean onPath = marks.path().nodes().contains(id);
        if (shape == NodeShape.STACK) {
            outline(gc, NodeShape.ROUNDED, x + 6, y - 6, w, h, colours.get("node"), accent, 1.2);
            outline(gc, NodeShape.ROUNDED, x + 3, y - 3, w, h, colours.get("node"), accent, 1.2);
        }
        Color ring = selected ? colours.get("selection") : onPath ? colours.get("path") : accent;
        if (!labels) {
            // Far out, a box in the kind's colour says enough and draws several times faster.
            gc.setFill(selected || onPath ? ring : accent);
            gc.fillRect(x, y, w, h);
            return;
        }
        outline(gc, shape, x, y, w, h, colours.get("node"), ring, selected || onPath ? 3 : id.equals(marks.hover()) ? 2.2 : 1.4);
        double inset = shape == NodeShape.PILL || shape == NodeShape.HEXAGON ? 14 : 10;
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(accent);
        gc.setFont(iconFont);
        gc.fillText(KindIcons.glyph(node.kind()), x + inset, y + h / 2);
        String[] text = fitted.computeIfAbsent(id, k -> fit(node, w - inset - 24 - 26));
        gc.setFill(colours.get("text"));
        gc.setFont(nameFont);
        gc.fillText(text[0], x + inset + 24, y + 16);
        gc.setFill(colours.get("muted"));
        gc.setFont(detailFont);
        gc.fillText(text[1], x + inset + 24, y + 32);
        Color status = colours.status(NodeShape.statusClass(node.status()));
        if (status != null) {
            gc.setFill(status);
            gc.fillOval(x + w - 22, y + h / 2 - 5, 10, 10);
        }
        if (!GraphFolding.isCluster(id)) {
            gc.setFill(colours.get("node"));
            gc.setStroke(accent);
            gc.setLineWidth(1.2);
            gc.fillOval(x + w - BADGE_RADIUS, y + h - BADGE_RADIUS, 2 * BADGE_RADIUS, 2 * BADGE_RADIUS);
            gc.strokeOval(x + w - BADGE_RADIUS, y + h - BADGE_RADIUS, 2 * BADGE_RADIUS, 2 * BADGE_RADIUS);
            gc.setFill(accent);
            gc.setFont(badgeFont);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText(marks.expanded().test(id) ? "−" : "+", x + w, y + h);
        }
    }

    private static void outline(GraphicsContext gc, NodeShape shape, double x, double y, double w, double h,
                                Color fill, Color stroke, double lineWidth) {
        gc.setFill(fill);
        gc.setStroke(stroke);
        gc.setLineWidth(lineWidth);
        switch (shape) {
            case HEXAGON -> {
                double[] xs = {x + 10, x + w - 10, x + w, x + w - 10, x + 10, x};
                double[] ys = {y, y, y + h / 2, y + h, y + h, y + h / 2};
                gc.fillPolygon(xs, ys, 6);
                gc.strokePolygon(xs, ys, 6);
            }
            case NOTE -> {
                double[] xs = {x, x + w - 12, x + w, x + w, x};
                double[] ys = {y, y, y + 12, y + h, y + h};
                gc.fillPolygon(xs, ys, 5);
                gc.strokePolygon(xs, ys, 5);
            }
            default -> {
                double arc = switch (shape) {
                    case BOX -> 4;
                    case PILL -> h;
                    default -> 14;
                };
                gc.fillRoundRect(x, y, w, h, arc, arc);
                gc.strokeRoundRect(x, y, w, h, arc, arc);
            }
        }
    }

    private String[] fit(LineageNode node, double width) {
        String detail = GraphFolding.isCluster(node.id()) ? clusterDetail(node)
                : node.kind().id() + (node.status().isEmpty() ? "" : " · " + node.status().toLowerCase(Locale.ROOT));
        String label = GraphFolding.isCluster(node.id()) ? node.name() : dev.braid.lineage.NodeLabels.label(node);
        return new String[] {fit(label, nameFont, width), fit(detail, detailFont, width)};
    }

    /** "click to open", with the members' statuses other than finished. */
    private static String clusterDetail(LineageNode cluster) {
        StringBuilder text = new StringBuilder("click to open");
        cluster.properties().forEach((key, value) -> {
            if (key.startsWith("status ") && !key.equals("status finished") && !key.equals("status complete")) {
                text.append(" · ").append(value).append(' ').append(key.substring("status ".length()));
            }
        });
        return text.toString();
    }

    /**
     * {@code text} if it fits, else as much of its start and end as fits around an ellipsis: the
     * end of a name (a run's number, a version's digest) is often what tells siblings apart.
     */
    private String fit(String text, Font font, double width) {
        measure.setFont(font);
        measure.setText(text);
        if (measure.getLayoutBounds().getWidth() <= width) {
            return text;
        }
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            measure.setText(shortened(text, mid));
            if (measure.getLayoutBounds().getWidth() <= width) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return shortened(text, low);
    }

    /** The first and last characters of {@code text}, {@code keep} in all, joined by an ellipsis. */
    static String shortened(String text, int keep) {
        int head = (keep * 3 + 4) / 5;
        int tail = keep - head;
        return text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }
}
