package dev.braid.ui.chart;

import java.time.ZoneId;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/** Paints one frame of a metric chart: background, grid, axes and tick labels, lines and legend. */
final class ChartPainter {
    /** One series as drawn: the main line, and the unsmoothed line drawn faintly behind it (or null). */
    record Line(String name, Color colour, PointBuffer points, PointBuffer raw) {
    }

    private static final double PAD = 8;
    private static final double SWATCH = 10;
    /** Above this many points per pixel of width, lines are drawn as per-column spans. */
    private static final double DENSE_POINTS_PER_PIXEL = 2.5;
    private final Font font = Font.font(Font.getDefault().getFamily(), 11);
    private final Font small = Font.font(Font.getDefault().getFamily(), 10);
    private final Text measure = new Text();
    private final double lineHeight;

    ChartPainter() {
        lineHeight = Math.ceil(textWidthAndHeight("Ag", font)[1]) + 2;
    }

    /** Lays out the plot rectangle for a canvas of this size and paints everything. */
    PlotMapping paint(GraphicsContext gc, double width, double height, ChartColours colours, List<Line> lines,
            Viewport view, boolean log, XAxisMode mode, String xLabel, String hint) {
        gc.setFill(colours.background());
        gc.fillRect(0, 0, width, height);
        if (width < 60 || height < 60) {
            return new PlotMapping(0, 0, Math.max(1, width), Math.max(1, height), view.x0(), view.x1(), view.y0(), view.y1(), log);
        }
        double legendHeight = legendHeight(lines, width);
        double top = PAD + legendHeight;
        double bottom = height - PAD - lineHeight * 2;
        int yTickCount = (int) Math.max(2, Math.min(10, (bottom - top) / (lineHeight * 2.5)));
        AxisTicks yTicks = log ? AxisTicks.log(Math.pow(10, view.y0()), Math.pow(10, view.y1()), yTickCount)
                : AxisTicks.linear(view.y0(), view.y1(), yTickCount);
        double labelWidth = 0;
        for (double v : yTicks.values()) {
            labelWidth = Math.max(labelWidth, textWidthAndHeight(yTicks.label(v), font)[0]);
        }
        double left = PAD + Math.ceil(labelWidth) + 6;
        double right = width - PAD - Math.ceil(textWidthAndHeight("0000", font)[0] / 2);
        PlotMapping map = new PlotMapping(left, top, Math.max(1, right - left), Math.max(1, bottom - top),
                view.x0(), view.x1(), view.y0(), view.y1(), log);

        int xTickCount = (int) Math.max(2, Math.min(12, map.width() / 90));
        AxisTicks xTicks = mode.ticks(view.x0(), view.x1(), xTickCount);
        paintGrid(gc, map, colours, xTicks, yTicks, mode);
        paintLines(gc, map, lines);
        gc.setStroke(colours.axis());
        gc.setLineWidth(1);
        gc.strokeRect(snap(map.left()), snap(map.top()), Math.round(map.width()), Math.round(map.height()));
        paintLegend(gc, lines, colours, width);
        paintCaptions(gc, map, colours, height, xLabel, hint);
        return map;
    }

    private void paintGrid(GraphicsContext gc, PlotMapping map, ChartColours colours, AxisTicks xTicks,
            AxisTicks yTicks, XAxisMode mode) {
        gc.setLineWidth(1);
        gc.setFont(font);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.RIGHT);
        for (double v : yTicks.values()) {
            double y = snap(map.py(v));
            if (y < map.top() - 0.5 || y > map.bottom() + 0.5) {
                continue;
            }
            gc.setStroke(colours.grid());
            gc.strokeLine(map.left(), y, map.right(), y);
            gc.setFill(colours.text());
            gc.fillText(yTicks.label(v), map.left() - 5, y);
        }
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.CENTER);
        ZoneId zone = ZoneId.systemDefault();
        for (double v : xTicks.values()) {
            double x = snap(map.px(v));
            if (x < map.left() - 0.5 || x > map.right() + 0.5) {
                continue;
            }
            gc.setStroke(colours.grid());
            gc.strokeLine(x, map.top(), x, map.bottom());
            gc.setFill(colours.text());
            gc.fillText(mode.label(xTicks, v, zone), x, map.bottom() + 4);
        }
    }

    private void paintLines(GraphicsContext gc, PlotMapping map, List<Line> lines) {
        gc.save();
        gc.beginPath();
        gc.rect(map.left(), map.top(), map.width(), map.height());
        gc.clip();
        // Dense data zig-zags at sharp angles: mitred joins would paint long spikes and cost time.
        gc.setLineJoin(StrokeLineJoin.BEVEL);
        for (Line line : lines) {
            if (line.raw() != null) {
                Color faint = line.colour().deriveColor(0, 1, 1, 0.25);
                gc.setStroke(faint);
                gc.setFill(faint);
                polyline(gc, map, line.raw(), 1);
            }
            gc.setStroke(line.colour());
            gc.setFill(line.colour());
            polyline(gc, map, line.points(), 1.5);
        }
        gc.restore();
    }

    private final double[] xs = new double[4096];
    private final double[] ys = new double[4096];

    /** Draws a line: dense ones column by column, the rest as polylines. */
    private void polyline(GraphicsContext gc, PlotMapping map, PointBuffer points, double lineWidth) {
        if (points == null) {
            return;
        }
        if (points.size() > DENSE_POINTS_PER_PIXEL * map.width()) {
            columns(gc, map, points, lineWidth);
            return;
        }
        gc.setLineWidth(lineWidth);
        int n = 0;
        for (int i = 0; i <= points.size(); i++) {
            boolean end = i == points.size() || points.isGap(i);
            if (!end) {
                xs[n] = clamp(map.px(points.x(i)));
                ys[n] = clamp(map.py(points.y(i)));
                n++;
            }
            if (end || n == xs.length) {
                if (n == 1 && end) {
                    gc.fillRect(xs[0] - 1, ys[0] - 1, 2.5, 2.5);
                } else if (n > 1) {
                    gc.strokePolyline(xs, ys, n);
                }
                if (!end) {
                    // Continue the run from its last point in the next batch.
                    xs[0] = xs[n - 1];
                    ys[0] = ys[n - 1];
                    n = 1;
                } else {
                    n = 0;
                }
            }
        }
    }

    /**
     * Fills, for each pixel column, the span from its lowest to its highest point, joined to the
     * previous point so the line stays connected. Looks like the stroked line at this density and
     * rasterises many times faster than thousands of short, sharp-angled segments.
     */
    private void columns(GraphicsContext gc, PlotMapping map, PointBuffer points, double lineWidth) {
        double column = Double.NaN;
        double top = 0;
        double bottom = 0;
        double previous = Double.NaN;
        for (int i = 0; i <= points.size(); i++) {
            boolean gap = i < points.size() && points.isGap(i);
            double px = i < points.size() && !gap ? Math.floor(map.px(points.x(i))) : Double.NaN;
            if (px != column && !Double.isNaN(column)) {
                gc.fillRect(column - (lineWidth - 1) / 2, top - lineWidth / 2, lineWidth, bottom - top + lineWidth);
                column = Double.NaN;
            }
            if (gap) {
                previous = Double.NaN;
            }
            if (Double.isNaN(px)) {
                continue;
            }
            double py = clamp(map.py(points.y(i)));
            if (Double.isNaN(column)) {
                column = px;
                top = Double.isNaN(previous) ? py : Math.min(py, previous);
                bottom = Double.isNaN(previous) ? py : Math.max(py, previous);
            }
            top = Math.min(top, py);
            bottom = Math.max(bottom, py);
            previous = py;
        }
    }

    /** Keeps far-off neighbours of a zoomed view within what the rasteriser handles well. */
    private static double clamp(double pixel) {
        return Math.max(-1e5, Math.min(1e5, pixel));
    }

    private double legendHeight(List<Line> lines, double width) {
        if (lines.isEmpty()) {
            return 0;
        }
        return legendRows(lines, width) * lineHeight + 4;
    }

    private int legendRows(List<Line> lines, double width) {
        int rows = 1;
        double x = PAD;
        for (Line line : lines) {
            double w = SWATCH + 4 + textWidthAndHeight(line.name(), font)[0] + 14;
            if (x + w > width - PAD && x > PAD) {
                rows++;
                x = PAD;
            }
            x += w;
        }
        return rows;
    }

    private void paintLegend(GraphicsContext gc, List<Line> lines, ChartColours colours, double width) {
        gc.setFont(font);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        double x = PAD;
        double y = PAD / 2 + lineHeight / 2;
        for (Line line : lines) {
            double w = SWATCH + 4 + textWidthAndHeight(line.name(), font)[0] + 14;
            if (x + w > width - PAD && x > PAD) {
                x = PAD;
                y += lineHeight;
            }
            gc.setFill(line.colour());
            gc.fillRect(x, Math.round(y - SWATCH / 2), SWATCH, SWATCH);
            gc.setFill(colours.text());
            gc.fillText(line.name(), x + SWATCH + 4, y);
            x += w;
        }
    }

    private void paintCaptions(GraphicsContext gc, PlotMapping map, ChartColours colours, double height, String xLabel,
            String hint) {
        gc.setTextBaseline(VPos.BOTTOM);
        gc.setFill(colours.text());
        double labelWidth = 0;
        if (xLabel != null && !xLabel.isBlank()) {
            gc.setFont(font);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText(xLabel, map.left() + map.width() / 2, height - PAD / 2);
            labelWidth = textWidthAndHeight(xLabel, font)[0];
        }
        if (hint != null && !hint.isBlank()) {
            double hintWidth = textWidthAndHeight(hint, small)[0];
            if (hintWidth + 12 < map.width() / 2 - labelWidth / 2) {
                gc.setFont(small);
                gc.setTextAlign(TextAlignment.RIGHT);
                gc.setFill(colours.text().deriveColor(0, 1, 1, 0.75));
                gc.fillText(hint, map.right(), height - PAD / 2);
            }
        }
    }

    /** Text size with the given font; a shared {@link Text} node does the measuring. */
    double[] textWidthAndHeight(String text, Font with) {
        measure.setFont(with);
        measure.setText(text);
        return new double[] {measure.getLayoutBounds().getWidth(), measure.getLayoutBounds().getHeight()};
    }

    Font font() {
        return font;
    }

    double lineHeight() {
        return lineHeight;
    }

    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }
}
