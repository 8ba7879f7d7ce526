package dev.braid.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A line chart for metric histories of any length, drawn on a canvas. Every redraw thins each
 * series to the visible x range and the plot's pixel width ({@link MinMaxDecimator}, which keeps
 * every spike, or {@link Lttb}), so a million points draw quickly and zooming in reveals detail.
 * It redraws only when something changes, never per frame.
 *
 * <p>Mouse: the wheel zooms around the cursor, a left-button drag zooms to the dragged rectangle,
 * a right- or middle-button drag pans, and a double-click resets the zoom. Hovering shows each
 * series' nearest point. Colours come from CSS (see {@code metric-chart.css}).
 */
public final class MetricChart extends Region {
    static final String HINT = "Scroll: zoom · Drag: zoom to area · Right-drag: pan · Double-click: reset";
    private final Canvas canvas = new Canvas();
    private final Canvas overlay = new Canvas();
    private final ChartColours colours = new ChartColours(this, this::markDirty);
    private final ChartPainter painter = new ChartPainter();
    private final Viewport view = new Viewport();
    private final ChartPointer pointer;
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", 0);
    private final StringProperty xLabel = new SimpleStringProperty(this, "xLabel", XAxisMode.STEP.label());
    private final ObjectProperty<XAxisMode> xMode = new SimpleObjectProperty<>(this, "xMode", XAxisMode.STEP);
    private final ObjectProperty<Decimation> decimation = new SimpleObjectProperty<>(this, "decimation", Decimation.MIN_MAX);
    private List<ChartSeries> series = List.of();
    private List<double[]> smoothed = new ArrayList<>();
    private List<ChartPainter.Line> drawn = List.of();
    private PlotMapping mapping = new PlotMapping(0, 0, 1, 1, 0, 1, 0, 1, false);
    private boolean dirty = true;
    private long redraws;

    public MetricChart() {
        getStyleClass().add("metric-chart");
        var css = MetricChart.class.getResource("metric-chart.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        canvas.setMouseTransparent(true);
        overlay.setMouseTransparent(true);
        getChildren().addAll(canvas, overlay);
        setPickOnBounds(true);
        setMinSize(120, 100);
        setPrefSize(640, 360);
        pointer = new ChartPointer(this, overlay);
        logScale.addListener((obs, old, now) -> {
            view.autoY();
            markDirty();
        });
        smoothing.addListener((obs, old, now) -> {
            smoothed = new ArrayList<>();
            markDirty();
        });
        xLabel.addListener((obs, old, now) -> markDirty());
        xMode.addListener((obs, old, now) -> markDirty());
        decimation.addListener((obs, old, now) -> markDirty());
    }

    /** Shows these series overlaid, each in its own colour, and resets the zoom. */
    public void setSeries(List<ChartSeries> series) {
        this.series = List.copyOf(Objects.requireNonNull(series, "series"));
        smoothed = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ChartSeries s : this.series) {
            if (s.size() > 0) {
                min = Math.min(min, s.x()[0]);
                max = Math.max(max, s.x()[s.size() - 1]);
            }
        }
        view.setDataBounds(min <= max ? min : 0, min <= max ? max : 1);
        view.reset();
        markDirty();
    }

    public List<ChartSeries> getSeries() {
        return series;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** Exponential smoothing weight, 0 (none) to 0.99; the raw line stays visible, faintly. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public StringProperty xLabelProperty() {
        return xLabel;
    }

    /** How x values are labelled: plain numbers (steps) or times; defaults to {@link XAxisMode#STEP}. */
    public ObjectProperty<XAxisMode> xModeProperty() {
        return xMode;
    }

    public ObjectProperty<Decimation> decimationProperty() {
        return decimation;
    }

    /** Shows all the data again. */
    public void resetZoom() {
        view.reset();
        markDirty();
    }

    /** The x range on screen, {@code {from, to}}. */
    public double[] visibleXRange() {
        return new double[] {view.x0(), view.x1()};
    }

    /** The y range on screen in data units, {@code {from, to}}. */
    public double[] visibleYRange() {
        return logScale.get() ? new double[] {Math.pow(10, view.y0()), Math.pow(10, view.y1())}
                : new double[] {view.y0(), view.y1()};
    }

    public boolean isZoomed() {
        return view.isZoomed();
    }

    /** How many frames have been painted: lets tests and benchmarks see that a change was drawn. */
    public long redrawCount() {
        return redraws;
    }

    /** Points drawn in the last frame, over all series, after decimation. */
    public int drawnPointCount() {
        int count = 0;
        for (ChartPainter.Line line : drawn) {
            count += line.points().size() + (line.raw() == null ? 0 : line.raw().size());
        }
        return count;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return ChartColours.ALL;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return ChartColours.ALL;
    }

    @Override
    protected void layoutChildren() {
        double width = snapSizeX(getWidth());
        double height = snapSizeY(getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            overlay.setWidth(width);
            overlay.setHeight(height);
            dirty = true;
        }
        if (dirty) {
            redraw();
        }
    }

    void markDirty() {
        dirty = true;
        requestLayout();
    }

    private void redraw() {
        dirty = false;
        boolean log = logScale.get();
        int columns = Math.max(1, (int) Math.ceil(canvas.getWidth()));
        List<ChartPainter.Line> lines = new ArrayList<>(series.size());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            ChartSeries s = series.get(i);
            double[] y = smoothedY(i);
            PointBuffer main = decimate(s.x(), y, columns, log);
            PointBuffer raw = y == s.y() ? null : decimate(s.x(), s.y(), columns, log);
            for (PointBuffer points : raw == null ? List.of(main) : List.of(main, raw)) {
                // Points just outside the view only lead the line to the edge; they do not set the scale.
                double[] range = points.yRange(view.x0(), view.x1());
                if (range != null) {
                    min = Math.min(min, range[0]);
                    max = Math.max(max, range[1]);
                }
            }
            lines.add(new ChartPainter.Line(s.name(), colours.line(i), main, raw));
        }
        fitY(min, max, log);
        drawn = lines;
        mapping = painter.paint(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), colours, lines,
                view, log, xMode.get(), xLabel.get(), HINT);
        pointer.repaint();
        redraws++;
    }

    private PointBuffer decimate(double[] x, double[] y, int columns, boolean log) {
        return decimation.get() == Decimation.LTTB ? Lttb.decimate(x, y, view.x0(), view.x1(), columns, log)
                : MinMaxDecimator.decimate(x, y, view.x0(), view.x1(), columns, log);
    }

    /** Follows the visible data on y, with a little room above and below. */
    private void fitY(double min, double max, boolean log) {
        if (!(min <= max)) {
            view.fitY(log ? 0 : 0, 1);
            return;
        }
        double lo = log ? Math.log10(min) : min;
        double hi = log ? Math.log10(max) : max;
        double span = hi - lo;
        double pad = span > 0 ? span * 0.05 : log ? 0.5 : Math.max(Math.abs(hi) * 0.1, 1e-9 + (hi == 0 ? 1 : 0));
        view.fitY(lo - pad, hi + pad);
    }

    /** The y values drawn as the main line of series {@code i}: smoothed when smoothing is on. */
    double[] smoothedY(int i) {
        while (smoothed.size() <= i) {
            smoothed.add(null);
        }
        if (smoothed.get(i) == null) {
            smoothed.set(i, Smoothing.ema(series.get(i).y(), smoothing.get()));
        }
        return smoothed.get(i);
    }

    ChartColours colours() {
        return colours;
    }

    Viewport viewport() {
        return view;
    }

    PlotMapping mapping() {
        return mapping;
    }

    List<ChartPainter.Line> drawnLines() {
        return drawn;
    }

    ChartPainter painter() {
        return painter;
    }
}
