package dev.braid.ui.chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The colours a {@link MetricChart} paints with, as CSS properties so themes can set them:
 * {@code -braid-chart-background}, {@code -braid-chart-text}, {@code -braid-chart-grid},
 * {@code -braid-chart-axis} and {@code -braid-chart-line-0} … {@code -7} (series colours, reused
 * in turn). The defaults are a light palette, used when no stylesheet sets them.
 */
final class ChartColours {
    static final int LINES = 8;
    private static final Color[] DEFAULT_LINES = {Color.web("#0969da"), Color.web("#cf222e"), Color.web("#1a7f37"),
        Color.web("#8250df"), Color.web("#bc4c00"), Color.web("#1b7c83"), Color.web("#bf3989"), Color.web("#9a6700")};
    private static final List<CssMetaData<MetricChart, Paint>> OWN = new ArrayList<>();
    static final List<CssMetaData<? extends Styleable, ?>> ALL;

    static {
        OWN.add(meta("-braid-chart-background", Color.WHITE, c -> c.background));
        OWN.add(meta("-braid-chart-text", Color.web("#57606a"), c -> c.text));
        OWN.add(meta("-braid-chart-grid", Color.web("#d8dee4"), c -> c.grid));
        OWN.add(meta("-braid-chart-axis", Color.web("#8c959f"), c -> c.axis));
        for (int i = 0; i < LINES; i++) {
            int index = i;
            OWN.add(meta("-braid-chart-line-" + i, DEFAULT_LINES[i], c -> c.lines.get(index)));
        }
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.addAll(OWN);
        ALL = Collections.unmodifiableList(all);
    }

    final StyleableObjectProperty<Paint> background;
    final StyleableObjectProperty<Paint> text;
    final StyleableObjectProperty<Paint> grid;
    final StyleableObjectProperty<Paint> axis;
    final List<StyleableObjectProperty<Paint>> lines = new ArrayList<>();

    ChartColours(MetricChart chart, Runnable changed) {
        background = property(chart, 0, changed);
        text = property(chart, 1, changed);
        grid = property(chart, 2, changed);
        axis = property(chart, 3, changed);
        for (int i = 0; i < LINES; i++) {
            lines.add(property(chart, 4 + i, changed));
        }
    }

    Color line(int series) {
        return colour(lines.get(series % LINES).get(), DEFAULT_LINES[series % LINES]);
    }

    Color background() {
        return colour(background.get(), Color.WHITE);
    }

    Color text() {
        return colour(text.get(), Color.GRAY);
    }

    Color grid() {
        return colour(grid.get(), Color.LIGHTGRAY);
    }

    Color axis() {
        return colour(axis.get(), Color.GRAY);
    }

    private static Color colour(Paint paint, Color fallback) {
        return paint instanceof Color c ? c : fallback;
    }

    private static StyleableObjectProperty<Paint> property(MetricChart chart, int index, Runnable changed) {
        CssMetaData<MetricChart, Paint> meta = OWN.get(index);
        var property = new SimpleStyleableObjectProperty<>(meta, chart, meta.getProperty(), meta.getInitialValue(chart));
        property.addListener((obs, old, now) -> changed.run());
        return property;
    }

    private static CssMetaData<MetricChart, Paint> meta(String name, Color initial,
            Function<ChartColours, StyleableObjectProperty<Paint>> property) {
        return new CssMetaData<>(name, StyleConverter.getPaintConverter(), initial) {
            @Override
            public boolean isSettable(MetricChart chart) {
                return !property.apply(chart.colours()).isBound();
            }

            @Override
            public StyleableObjectProperty<Paint> getStyleableProperty(MetricChart chart) {
                return property.apply(chart.colours());
            }
        };
    }
}
