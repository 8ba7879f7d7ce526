package dev.braid.ui.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Mouse handling for a {@link MetricChart} and the overlay it draws on: the zoom rectangle and
 * the hover crosshair with each series' nearest point. Hovering repaints only the overlay.
 */
final class ChartPointer {
    private static final double MIN_DRAG = 5;
    private final MetricChart chart;
    private final Canvas overlay;
    private double pressX = Double.NaN;
    private double pressY;
    private double dragX;
    private double dragY;
    private MouseButton button;
    private double hoverX = Double.NaN;
    private double hoverY;

    ChartPointer(MetricChart chart, Canvas overlay) {
        this.chart = chart;
        this.overlay = overlay;
        chart.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        chart.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        chart.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        chart.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(Double.NaN, 0));
    }

    private void scrolled(ScrollEvent e) {
        PlotMapping map = chart.mapping();
        if (e.getDeltaY() == 0 || !map.contains(e.getX(), e.getY())) {
            return;
        }
        // A wheel notch is three lines (or 40 pixels) on desktop platforms; touchpads send pixels.
        double notches = e.getTextDeltaYUnits() == ScrollEvent.VerticalTextScrollUnits.LINES ? e.getTextDeltaY() / 3
                : e.getDeltaY() / 40;
        double factor = Math.pow(0.85, notches);
        chart.viewport().zoom(map.dataX(e.getX()), map.axisY(e.getY()), factor);
        chart.markDirty();
        e.consume();
    }

    private void pressed(MouseEvent e) {
        if (!chart.mapping().contains(e.getX(), e.getY())) {
            return;
        }
        button = e.getButton();
        pressX = dragX = e.getX();
        pressY = dragY = e.getY();
    }

    private void dragged(MouseEvent e) {
        if (Double.isNaN(pressX)) {
            return;
        }
        PlotMapping map = chart.mapping();
        double x = Math.max(map.left(), Math.min(map.right(), e.getX()));
        double y = Math.max(map.top(), Math.min(map.bottom(), e.getY()));
        if (button == MouseButton.PRIMARY) {
            dragX = x;
            dragY = y;
            repaint();
        } else {
            chart.viewport().pan(map.dataX(dragX) - map.dataX(x), map.axisY(dragY) - map.axisY(y));
            dragX = x;
            dragY = y;
            chart.markDirty();
        }
    }

    private void released(MouseEvent e) {
        if (Double.isNaN(pressX)) {
            return;
        }
        PlotMapping map = chart.mapping();
        if (button == MouseButton.PRIMARY && Math.abs(dragX - pressX) >= MIN_DRAG) {
            boolean withY = Math.abs(dragY - pressY) >= MIN_DRAG;
            chart.viewport().zoomTo(map.dataX(pressX), map.dataX(dragX),
                    withY ? map.axisY(pressY) : Double.NaN, withY ? map.axisY(dragY) : Double.NaN);
            chart.markDirty();
        }
        pressX = Double.NaN;
        repaint();
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            chart.resetZoom();
        }
    }

    private void hover(double x, double y) {
        hoverX = x;
        hoverY = y;
        repaint();
    }

    /** Redraws the overlay from scratch; called on pointer moves and after every chart frame. */
    void repaint() {
        GraphicsContext gc = overlay.getGraphicsContext2D();
        gc.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        PlotMapping map = chart.mapping();
        if (!Double.isNaN(pressX) && button == MouseButton.PRIMARY) {
            double x = Math.min(pressX, dragX);
            double y = Math.abs(dragY - pressY) >= MIN_DRAG ? Math.min(pressY, dragY) : map.top();
            double h = Math.abs(dragY - pressY) >= MIN_DRAG ? Math.abs(dragY - pressY) : map.height();
            Color accent = chart.colours().line(0);
            gc.setFill(accent.deriveColor(0, 1, 1, 0.12));
            gc.fillRect(x, y, Math.abs(dragX - pressX), h);
            gc.setStroke(accent.deriveColor(0, 1, 1, 0.6));
            gc.setLineWidth(1);
            gc.strokeRect(x + 0.5, y + 0.5, Math.abs(dragX - pressX), h);
        } else if (!Double.isNaN(hoverX) && map.contains(hoverX, hoverY) && !chart.getSeries().isEmpty()) {
            crosshair(gc, map);
        }
    }

    private void crosshair(GraphicsContext gc, PlotMapping map) {
        gc.setStroke(chart.colours().axis());
        gc.setLineWidth(1);
        gc.strokeLine(Math.floor(hoverX) + 0.5, map.top(), Math.floor(hoverX) + 0.5, map.bottom());
        double x = map.dataX(hoverX);
        List<String> rows = new ArrayList<>();
        List<Color> swatches = new ArrayList<>();
        double shownX = Double.NaN;
        List<ChartSeries> series = chart.getSeries();
        List<ChartPainter.Line> lines = chart.drawnLines();
        for (int s = 0; s < series.size() && s < lines.size(); s++) {
            double[] xs = series.get(s).x();
            double[] ys = chart.smoothedY(s);
            int i = nearest(xs, x);
            if (i < 0) {
                continue;
            }
            shownX = Double.isNaN(shownX) ? xs[i] : shownX;
            Color colour = lines.get(s).colour();
            if (XRange.drawable(ys[i], map.log()) && map.contains(map.px(xs[i]), map.py(ys[i]))) {
                // A ring in the background colour keeps the marker visible on top of dense data.
                gc.setFill(chart.colours().background());
                gc.fillOval(map.px(xs[i]) - 5, map.py(ys[i]) - 5, 10, 10);
                gc.setFill(colour);
                gc.fillOval(map.px(xs[i]) - 3.5, map.py(ys[i]) - 3.5, 7, 7);
            }
            rows.add(series.get(s).name() + ": " + number(ys[i]));
            swatches.add(colour);
        }
        if (rows.isEmpty()) {
            return;
        }
        XAxisMode mode = chart.xModeProperty().get();
        String xText = mode == XAxisMode.STEP ? number(shownX)
                : mode.label(new AxisTicks(new double[0], 1), shownX, ZoneId.systemDefault());
        rows.add(0, chart.xLabelProperty().get() + ": " + xText);
        swatches.add(0, null);
        tooltip(gc, map, rows, swatches);
    }

    private void tooltip(GraphicsContext gc, PlotMapping map, List<String> rows, List<Color> swatches) {
        ChartPainter painter = chart.painter();
        double line = painter.lineHeight();
        double width = 0;
        for (String row : rows) {
            width = Math.max(width, painter.textWidthAndHeight(row, painter.font())[0]);
        }
        width += 24;
        double height = rows.size() * line + 8;
        double x = hoverX + 12 + width > map.right() ? hoverX - 12 - width : hoverX + 12;
        double y = Math.max(map.top(), Math.min(map.bottom() - height, hoverY - height / 2));
        gc.setFill(chart.colours().background().deriveColor(0, 1, 1, 0.92));
        gc.fillRect(x, y, width, height);
        gc.setStroke(chart.colours().axis());
        gc.strokeRect(Math.floor(x) + 0.5, Math.floor(y) + 0.5, Math.round(width), Math.round(height));
        gc.setFont(painter.font());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < rows.size(); r++) {
            double cy = y + 4 + line * r + line / 2;
            if (swatches.get(r) != null) {
                gc.setFill(swatches.get(r));
                gc.fillRect(x + 6, cy - 4, 8, 8);
            }
            gc.setFill(chart.colours().text());
            gc.fillText(rows.get(r), x + 18, cy);
        }
    }

    /** Index of the point whose x is closest to {@code x}, or -1 for an empty series. */
    static int nearest(double[] xs, double x) {
        if (xs.length == 0) {
            return -1;
        }
        int i = XRange.lowerBound(xs, x);
        if (i == xs.length) {
            return i - 1;
        }
        return i > 0 && x - xs[i - 1] <= xs[i] - x ? i - 1 : i;
    }

    /** Up to six significant digits, without trailing zeros. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
        double abs = Math.abs(value);
        return abs != 0 && (abs >= 1e9 || abs < 1e-5) ? rounded.toString() : rounded.toPlainString();
    }
}
