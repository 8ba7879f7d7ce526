package dev.braid.ui.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The colours a {@link PlotCanvas} paints with, as CSS properties so themes can set them (see
 * {@code plot-canvas.css}): background, text, grid, axis, dimmed marks, the selection, the brush,
 * a three-stop gradient for numbers ({@code -braid-plot-low}, {@code -mid}, {@code -high}) and eight
 * category colours. The defaults are a light palette, used when no stylesheet sets them.
 */
public final class PlotPalette {
    public static final int CATEGORIES = 8;
    private static final String[] NAMES = {"background", "text", "grid", "axis", "dim", "selected", "brush", "low", "mid",
        "high"};
    private static final Color[] DEFAULTS = {Color.WHITE, Color.web("#57606a"), Color.web("#d8dee4"), Color.web("#8c959f"),
        Color.web("#d0d7de"), Color.web("#1f2328"), Color.web("#54aeff", 0.4), Color.web("#0969da"), Color.web("#8250df"),
        Color.web("#bc4c00")};
    private static final Color[] DEFAULT_CATEGORIES = {Color.web("#0969da"), Color.web("#cf222e"), Color.web("#1a7f37"),
        Color.web("#8250df"), Color.web("#bc4c00"), Color.web("#1b7c83"), Color.web("#bf3989"), Color.web("#9a6700")};
    private static final List<CssMetaData<PlotCanvas, Paint>> OWN = new ArrayList<>();
    static final List<CssMetaData<? extends Styleable, ?>> ALL;

    static {
        for (int i = 0; i < NAMES.length; i++) {
            OWN.add(meta("-braid-plot-" + NAMES[i], DEFAULTS[i], i));
        }
        for (int i = 0; i < CATEGORIES; i++) {
            OWN.add(meta("-braid-plot-category-" + i, DEFAULT_CATEGORIES[i], NAMES.length + i));
        }
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.addAll(OWN);
        ALL = Collections.unmodifiableList(all);
    }

    private final List<StyleableObjectProperty<Paint>> properties = new ArrayList<>();

    PlotPalette(PlotCanvas plot, Runnable changed) {
        for (CssMetaData<PlotCanvas, Paint> meta : OWN) {
            var property = new SimpleStyleableObjectProperty<>(meta, plot, meta.getProperty(), meta.getInitialValue(plot));
            property.addListener((obs, old, now) -> changed.run());
            properties.add(property);
        }
    }

    public Color background() {
        return colour(0);
    }

    public Color text() {
        return colour(1);
    }

    public Color grid() {
        return colour(2);
    }

    public Color axis() {
        return colour(3);
    }

    /** Marks that are filtered out but still drawn for context. */
    public Color dim() {
        return colour(4);
    }

    /** The selected run's mark. */
    public Color selected() {
        return colour(5);
    }

    /** The fill of a brushed range. */
    public Color brush() {
        return colour(6);
    }

    /** The colour at {@code shade} (0 to 1) of the low–mid–high gradient. */
    public Color gradient(double shade) {
        double t = Math.max(0, Math.min(1, shade));
        return t < 0.5 ? colour(7).interpolate(colour(8), t * 2) : colour(8).interpolate(colour(9), (t - 0.5) * 2);
    }

    /** The colour of category {@code index}; categories beyond the palette reuse it in turn. */
    public Color category(int index) {
        return colour(NAMES.length + Math.floorMod(index, CATEGORIES));
    }

    private Color colour(int index) {
        Paint paint = properties.get(index).get();
        return paint instanceof Color c ? c : index < NAMES.length ? DEFAULTS[index] : DEFAULT_CATEGORIES[index - NAMES.length];
    }

    private static CssMetaData<PlotCanvas, Paint> meta(String name, Color initial, int index) {
        return new CssMetaData<>(name, StyleConverter.getPaintConverter(), initial) {
            @Override
            public boolean isSettable(PlotCanvas plot) {
                return !plot.palette().properties.get(index).isBound();
            }

            @Override
            public StyleableObjectProperty<Paint> getStyleableProperty(PlotCanvas plot) {
                return plot.palette().properties.get(index);
            }
        };
    }
}
