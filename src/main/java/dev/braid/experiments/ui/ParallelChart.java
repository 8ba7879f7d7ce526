package dev.braid.experiments.ui;

import dev.braid.experiments.RunSummary;
import dev.braid.ui.chart.PlotCanvas;
import dev.braid.ui.chart.PlotPalette;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The parallel-coordinates canvas: a vertical axis per column, a polyline per run (runs outside
 * the brushes in a faint grey underneath, kept runs coloured by their place on the last axis, the
 * selected run on top), and the brushes. Dragging along an axis brushes it, a double-click on an
 * axis clears its brush. Each frame strokes one polyline per run, so 500 runs over 20 axes paint
 * in a few milliseconds.
 */
final class ParallelChart extends PlotCanvas {
    private static final double RIGHT = 56;
    private static final int TICK_CHARS = 16;
    private static final double TOP = 40;
    private static final double BOTTOM = 18;
    private static final double GRAB = 14;
    private static final double DRAG = 3;
    private static final Font FONT = Font.font(11);
    private final ParallelCoordinatesViewModel model;
    private RunSummary selected;
    private int dragAxis = -1;
    private double dragFrom;
    private double pressY;

    ParallelChart(ParallelCoordinatesViewModel model) {
        this.model = model;
        setMinSize(240, 180);
        model.dataProperty().addListener((obs, old, now) -> redrawLater());
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnMouseClicked(e -> {
            int axis = axisAt(e.getX());
            if (e.getClickCount() == 2 && axis >= 0) {
                model.clearBrush(axis);
            }
        });
    }

    ParallelCoordinatesViewModel model() {
        return model;
    }

    void setSelected(RunSummary run) {
        selected = run;
        redrawLater();
    }

    /** The x of axis {@code i} in this node's coordinates. */
    double axisX(int i) {
        List<PlotAxis> axes = model.dataProperty().get().axes();
        double left = leftMargin(axes);
        return axes.size() <= 1 ? getWidth() / 2 : left + i * (getWidth() - left - RIGHT) / (axes.size() - 1);
    }

    /** Room for the first axis's tick labels, which sit to its left: category names can be long. */
    private double leftMargin(List<PlotAxis> axes) {
        if (axes.isEmpty()) {
            return RIGHT;
        }
        int longest = axes.get(0).ticks(12).stream().mapToInt(t -> Math.min(TICK_CHARS, t.label().length())).max().orElse(4);
        return Math.max(RIGHT, Math.min(140, longest * 6.5 + 16));
    }

    /** The y of axis position {@code position} (0 at the bottom, 1 at the top). */
    double positionY(double position) {
        return getHeight() - BOTTOM - position * (getHeight() - BOTTOM - TOP);
    }

    private double positionAt(double y) {
        return Math.max(0, Math.min(1, (getHeight() - BOTTOM - y) / (getHeight() - BOTTOM - TOP)));
    }

    private int axisAt(double x) {
        int n = model.dataProperty().get().axes().size();
        for (int i = 0; i < n; i++) {
            if (Math.abs(axisX(i) - x) <= GRAB) {
                return i;
            }
        }
        return -1;
    }

    private void pressed(MouseEvent e) {
        dragAxis = e.getButton() == MouseButton.PRIMARY ? axisAt(e.getX()) : -1;
        dragFrom = positionAt(e.getY());
        pressY = e.getY();
    }

    private void dragged(MouseEvent e) {
        if (dragAxis >= 0 && Math.abs(e.getY() - pressY) >= DRAG) {
            model.previewBrush(dragAxis, dragFrom, positionAt(e.getY()));
        }
    }

    private void released(MouseEvent e) {
        // A click without a drag leaves the brushes alone; the double-click that clears one is such a click.
        if (dragAxis >= 0 && Math.abs(e.getY() - pressY) >= DRAG) {
            model.brush(dragAxis, dragFrom, positionAt(e.getY()));
        }
        dragAxis = -1;
    }

    @Override
    protected void paint(GraphicsContext g, double width, double height, PlotPalette colours) {
        ParallelCoordinatesViewModel.Data data = model.dataProperty().get();
        List<PlotAxis> axes = data.axes();
        if (axes.isEmpty()) {
            return;
        }
        g.setFont(FONT);
        paintLines(g, colours, data);
        double spacing = axes.size() <= 1 ? width : axisX(1) - axisX(0);
        for (int i = 0; i < axes.size(); i++) {
            double x = axisX(i);
            ParallelCoordinatesViewModel.Brush brush = data.brushes().get(i);
            if (brush != null) {
                double top = positionY(brush.to());
                double bottom = positionY(brush.from());
                g.setFill(colours.brush());
                g.fillRect(x - 9, top, 18, Math.max(2, bottom - top));
                g.setStroke(colours.selected());
                g.strokeRect(x - 9, top, 18, Math.max(2, bottom - top));
            }
            g.setStroke(colours.axis());
            g.setLineWidth(1.5);
            g.strokeLine(x, positionY(1), x, positionY(0));
            g.setLineWidth(1);
            paintTicks(g, colours, axes.get(i), x);
            g.setFill(colours.selected());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            int room = Math.max(4, (int) (Math.min(spacing, 2 * RIGHT) / 6.5));
            String title = axes.get(i).label();
            g.fillText(ScatterChart.shorten(title.substring(title.indexOf('.') + 1), room), x, TOP - 16);
            g.setFill(colours.text());
            g.fillText(title.startsWith("metrics.") ? "metric" : title.startsWith("params.") ? "param" : "", x, TOP - 4);
        }
    }

    private void paintTicks(GraphicsContext g, PlotPalette colours, PlotAxis axis, double x) {
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(colours.text());
        int most = Math.max(2, (int) ((getHeight() - TOP - BOTTOM) / 28));
        for (PlotAxis.Tick tick : axis.ticks(most)) {
            double y = positionY(tick.position());
            g.setStroke(colours.axis());
            g.strokeLine(x - 3, y, x, y);
            String label = ScatterChart.shorten(tick.label(), TICK_CHARS);
            // A veil behind the label keeps it readable where many lines cross the axis.
            g.setFill(colours.background().deriveColor(0, 1, 1, 0.8));
            g.fillRect(x - 7 - label.length() * 6.2, y - 7, label.length() * 6.2 + 3, 14);
            g.setFill(colours.text());
            g.fillText(label, x - 5, y);
        }
    }

    private void paintLines(GraphicsContext g, PlotPalette colours, ParallelCoordinatesViewModel.Data data) {
        List<PlotAxis> axes = data.axes();
        int n = axes.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] axisXs = new double[n];
        for (int a = 0; a < n; a++) {
            axisXs[a] = axisX(a);
        }
        int selectedIndex = selected == null ? -1 : model.runs().indexOf(selected);
        PlotAxis last = axes.get(n - 1);
        // Dimmed runs first so the kept ones stay readable on top of them.
        for (int pass = 0; pass < 2; pass++) {
            g.setLineWidth(pass == 0 ? 1 : 1.4);
            g.setGlobalAlpha(pass == 0 ? 0.6 : 0.75);
            for (int r = 0; r < data.kept().length; r++) {
                boolean kept = data.kept()[r];
                if ((pass == 0) == kept || r == selectedIndex) {
                    continue;
                }
                g.setStroke(!kept ? colours.dim() : Double.isNaN(last.position(r)) ? colours.axis()
                        : colours.gradient(last.position(r)));
                stroke(g, axes, r, axisXs, xs, ys);
            }
        }
        g.setGlobalAlpha(1);
        if (selectedIndex >= 0) {
            g.setLineWidth(3);
            g.setStroke(colours.selected());
            stroke(g, axes, selectedIndex, axisXs, xs, ys);
        }
        g.setLineWidth(1);
    }

    /** One run's polyline, broken where it has no value on an axis. */
    private void stroke(GraphicsContext g, List<PlotAxis> axes, int run, double[] axisXs, double[] xs, double[] ys) {
        int count = 0;
        for (int a = 0; a < axes.size(); a++) {
            double position = axes.get(a).position(run);
            if (Double.isNaN(position)) {
                if (count > 1) {
                    g.strokePolyline(xs, ys, count);
                }
                count = 0;
                continue;
            }
            xs[count] = axisXs[a];
            ys[count] = positionY(position);
            count++;
        }
        if (count > 1) {
            g.strokePolyline(xs, ys, count);
        }
    }
}
