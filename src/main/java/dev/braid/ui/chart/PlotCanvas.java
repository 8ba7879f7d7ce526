package dev.braid.ui.chart;

import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * A plot drawn on one canvas with themable colours ({@link PlotPalette}), repainted only when
 * something changed and never per frame, as {@link MetricChart} is (ADR 6). Subclasses paint and
 * call {@link #redrawLater()} when their data or state changes.
 */
public abstract class PlotCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final PlotPalette palette = new PlotPalette(this, this::redrawLater);
    private boolean dirty = true;
    private long redraws;
    private long lastPaintNanos;

    protected PlotCanvas() {
        getStyleClass().add("plot-canvas");
        var css = PlotCanvas.class.getResource("plot-canvas.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        canvas.setMouseTransparent(true);
        getChildren().add(canvas);
        setPickOnBounds(true);
        setMinSize(160, 120);
        setPrefSize(640, 400);
    }

    /** Paints everything on a cleared canvas of this size. */
    protected abstract void paint(GraphicsContext g, double width, double height, PlotPalette colours);

    /** Asks for a repaint on the next layout pass; many calls in one pulse paint once. */
    public final void redrawLater() {
        dirty = true;
        requestLayout();
    }

    /** How many frames have been painted: lets tests see that a change was drawn. */
    public final long redrawCount() {
        return redraws;
    }

    /** How long the last frame took to paint, in nanoseconds. */
    public final long lastPaintNanos() {
        return lastPaintNanos;
    }

    protected final PlotPalette palette() {
        return palette;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return PlotPalette.ALL;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return PlotPalette.ALL;
    }

    /**
     * The part of this region to paint, in its own coordinates: all of it unless a subclass knows
     * that only part can be seen (a large graph in a scroll pane). The canvas is only as big as this
     * area, so what cannot be seen is neither drawn nor rasterised.
     */
    protected Bounds paintedArea(double width, double height) {
        return new BoundingBox(0, 0, width, height);
    }

    @Override
    protected void layoutChildren() {
        double width = snapSizeX(getWidth());
        double height = snapSizeY(getHeight());
        Bounds area = paintedArea(width, height);
        double left = Math.max(0, Math.floor(area.getMinX()));
        double top = Math.max(0, Math.floor(area.getMinY()));
        double areaWidth = Math.max(0, Math.min(width, Math.ceil(area.getMaxX())) - left);
        double areaHeight = Math.max(0, Math.min(height, Math.ceil(area.getMaxY())) - top);
        if (canvas.getWidth() != areaWidth || canvas.getHeight() != areaHeight) {
            canvas.setWidth(areaWidth);
            canvas.setHeight(areaHeight);
            dirty = true;
        }
        if (canvas.getLayoutX() != left || canvas.getLayoutY() != top) {
            canvas.relocate(left, top);
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            long start = System.nanoTime();
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(palette.background());
            g.fillRect(0, 0, areaWidth, areaHeight);
            g.save();
            g.translate(-left, -top);
            paint(g, width, height, palette);
            g.restore();
            lastPaintNanos = System.nanoTime() - start;
            redraws++;
        }
    }
}
