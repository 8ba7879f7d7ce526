package dev.braid.ui.chart;

import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
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

    @Override
    protected void layoutChildren() {
        double width = snapSizeX(getWidth());
        double height = snapSizeY(getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            long start = System.nanoTime();
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(palette.background());
            g.fillRect(0, 0, width, height);
            paint(g, width, height, palette);
            lastPaintNanos = System.nanoTime() - start;
            redraws++;
        }
    }
}
