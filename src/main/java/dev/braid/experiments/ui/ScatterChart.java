package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.chart.PlotCanvas;
import dev.braid.ui.chart.PlotPalette;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The scatter plot's canvas: axes with their ticks, one dot per run coloured by the colour column,
 * a legend on the right, and the hovered run's name and values beside the pointer. A click on a
 * dot hands its point to the listener.
 */
final class ScatterChart extends PlotCanvas {
    private static final double LEFT = 64;
    private static final double TOP = 14;
    private static final double BOTTOM = 44;
    private static final double LEGEND = 170;
    private static final double RADIUS = 4.5;
    private static final double PICK = 9;
    private static final Font FONT = Font.font(11);
    private ScatterPlotViewModel.Data data;
    private RunSummary selected;
    private ScatterPoint hovered;
    private Consumer<ScatterPoint> onPick = p -> { };

    ScatterChart() {
        setOnMouseMoved(e -> hover(nearest(e.getX(), e.getY())));
        setOnMouseExited(e -> hover(null));
        setOnMouseClicked(e -> {
            ScatterPoint point = nearest(e.getX(), e.getY());
            if (point != null) {
                onPick.accept(point);
            }
        });
    }

    void setData(ScatterPlotViewModel.Data data) {
        this.data = data;
        hovered = null;
        redrawLater();
    }

    ScatterPlotViewModel.Data data() {
        return data;
    }

    void setSelected(RunSummary run) {
        selected = run;
        redrawLater();
    }

    void setOnPick(Consumer<ScatterPoint> onPick) {
        this.onPick = onPick;
    }

    /** The point under the pointer, shown with its run's name; null for none. */
    ScatterPoint hovered() {
        return hovered;
    }

    /** Where a point is drawn, {x, y} in this node's coordinates. */
    double[] pixel(ScatterPoint point) {
        return new double[] {px(point.x()), py(point.y())};
    }

    private void hover(ScatterPoint point) {
        if (point != hovered) {
            hovered = point;
            redrawLater();
        }
    }

    private ScatterPoint nearest(double x, double y) {
        if (data == null) {
            return null;
        }
        ScatterPoint best = null;
        double bestDistance = PICK * PICK;
        for (ScatterPoint p : data.points()) {
            double dx = px(p.x()) - x;
            double dy = py(p.y()) - y;
            double d = dx * dx + dy * dy;
            if (d <= bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        return best;
    }

    private double plotRight() {
        return getWidth() - (data == null || data.legend().none() ? 16 : LEGEND);
    }

    /** Axis positions keep 4% clear of the frame so dots at the extremes are whole. */
    private double px(double x) {
        return LEFT + (0.04 + 0.92 * x) * (plotRight() - LEFT);
    }

    private double py(double y) {
        double bottom = getHeight() - BOTTOM;
        return bottom - (0.04 + 0.92 * y) * (bottom - TOP);
    }

    @Override
    protected void paint(GraphicsContext g, double width, double height, PlotPalette colours) {
        g.setFont(FONT);
        if (data == null || data.x() == null) {
            return;
        }
        double right = plotRight();
        double bottom = height - BOTTOM;
        g.setLineWidth(1);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (PlotAxis.Tick tick : data.x().ticks(Math.max(2, (int) ((right - LEFT) / 90)))) {
            double x = px(tick.position());
            g.setStroke(colours.grid());
            g.strokeLine(x, TOP, x, bottom);
            g.setFill(colours.text());
            g.fillText(shorten(tick.label(), 14), x, bottom + 4);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (PlotAxis.Tick tick : data.y().ticks(Math.max(2, (int) ((bottom - TOP) / 40)))) {
            double y = py(tick.position());
            g.setStroke(colours.grid());
            g.strokeLine(LEFT, y, right, y);
            g.setFill(colours.text());
            g.fillText(shorten(tick.label(), 9), LEFT - 6, y);
        }
        g.setStroke(colours.axis());
        g.strokeRect(LEFT, TOP, right - LEFT, bottom - TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(data.x().label(), (LEFT + right) / 2, height - 4);
        g.save();
        g.translate(12, (TOP + bottom) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(data.y().label(), 0, 0);
        g.restore();
        paintPoints(g, colours);
        new LegendPainter(g, colours).paint(data.legend(), right + 18, TOP, height - TOP - BOTTOM);
        paintHover(g, colours, width);
    }

    private void paintPoints(GraphicsContext g, PlotPalette colours) {
        g.setGlobalAlpha(0.85);
        ScatterPoint chosen = null;
        for (ScatterPoint p : data.points()) {
            g.setFill(colourOf(p, data.legend(), colours));
            g.fillOval(px(p.x()) - RADIUS, py(p.y()) - RADIUS, RADIUS * 2, RADIUS * 2);
            if (p.run().equals(selected)) {
                chosen = p;
            }
        }
        g.setGlobalAlpha(1);
        for (ScatterPoint ring : new ScatterPoint[] {chosen, hovered}) {
            if (ring != null) {
                g.setStroke(colours.selected());
                g.setLineWidth(2);
                g.strokeOval(px(ring.x()) - RADIUS - 2, py(ring.y()) - RADIUS - 2, RADIUS * 2 + 4, RADIUS * 2 + 4);
                g.setLineWidth(1);
            }
        }
    }

    /** A category's colour, the gradient at the point's shade, one colour when nothing colours, grey when the value is missing. */
    static Color colourOf(ScatterPoint p, ColourLegend legend, PlotPalette colours) {
        if (legend.none()) {
            return colours.category(0);
        }
        if (p.category() >= 0) {
            return colours.category(p.category());
        }
        return Double.isNaN(p.shade()) ? colours.dim() : colours.gradient(p.shade());
    }

    private void paintHover(GraphicsContext g, PlotPalette colours, double width) {
        if (hovered == null) {
            return;
        }
        List<String> lines = new java.util.ArrayList<>(List.of(hovered.name(),
                data.x().label() + " = " + hovered.xText(), data.y().label() + " = " + hovered.yText()));
        if (!data.legend().none()) {
            lines.add(data.legend().title() + " = " + (hovered.colourText() == null ? "–" : hovered.colourText()));
        }
        double boxWidth = lines.stream().mapToDouble(l -> Math.min(260, l.length() * 6.4)).max().orElse(80) + 14;
        double boxHeight = lines.size() * 15 + 8;
        double x = px(hovered.x()) + 10;
        double y = py(hovered.y()) - boxHeight - 6;
        x = x + boxWidth > width ? x - boxWidth - 20 : x;
        y = Math.max(2, y);
        g.setFill(colours.background());
        g.fillRoundRect(x, y, boxWidth, boxHeight, 6, 6);
        g.setStroke(colours.axis());
        g.strokeRoundRect(x, y, boxWidth, boxHeight, 6, 6);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < lines.size(); i++) {
            g.setFill(i == 0 ? colours.selected() : colours.text());
            g.fillText(shorten(lines.get(i), 40), x + 7, y + 4 + i * 15);
        }
    }

    static String shorten(String text, int most) {
        return text == null ? "" : text.length() <= most ? text : text.substring(0, most - 1) + "…";
    }
}
