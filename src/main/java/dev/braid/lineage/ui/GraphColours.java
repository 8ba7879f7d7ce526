package dev.braid.lineage.ui;

import dev.braid.lineage.NodeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The colours the lineage graph is painted with, as CSS properties {@code -braid-graph-<name>}
 * that braid.css maps to the theme's looked-up colours, so light and dark themes only change
 * variables. The defaults are the light palette, used when no stylesheet sets them.
 */
final class GraphColours {
    private static final Map<String, Color> DEFAULTS = new LinkedHashMap<>();
    private static final List<CssMetaData<GraphCanvas, Paint>> OWN = new ArrayList<>();
    static final List<CssMetaData<? extends Styleable, ?>> ALL;

    static {
        String[][] defaults = {
            {"background", "#ffffff"}, {"node", "#f6f8fa"}, {"text", "#1f2328"}, {"muted", "#57606a"},
            {"edge", "#8c959f"}, {"path", "#d4a72c"}, {"selection", "#0969da"}, {"minimap", "#eaeef2"},
            {"kind-repo", "#57606a"}, {"kind-commit", "#0969da"}, {"kind-data", "#1a7f37"}, {"kind-job", "#bc4c00"},
            {"kind-run", "#8250df"}, {"kind-model", "#bf3989"}, {"kind-alias", "#9a6700"}, {"kind-artifact", "#1b7c83"},
            {"kind-other", "#57606a"}, {"status-ok", "#1a7f37"}, {"status-failed", "#cf222e"},
            {"status-running", "#0969da"}, {"status-stopped", "#9a6700"},
        };
        for (String[] entry : defaults) {
            Color initial = Color.web(entry[1]);
            DEFAULTS.put(entry[0], initial);
            OWN.add(meta("-braid-graph-" + entry[0], entry[0], initial));
        }
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.addAll(OWN);
        ALL = Collections.unmodifiableList(all);
    }

    private final Map<String, StyleableObjectProperty<Paint>> properties = new LinkedHashMap<>();

    GraphColours(GraphCanvas canvas, Runnable changed) {
        for (CssMetaData<GraphCanvas, Paint> meta : OWN) {
            String name = meta.getProperty().substring("-braid-graph-".length());
            var property = new SimpleStyleableObjectProperty<>(meta, canvas, name, meta.getInitialValue(canvas));
            property.addListener((obs, old, now) -> changed.run());
            properties.put(name, property);
        }
    }

    Color get(String name) {
        Paint paint = properties.get(name).get();
        return paint instanceof Color c ? c : DEFAULTS.get(name);
    }

    /** The accent of a kind: one colour per family (data, runs, models…). */
    Color kind(NodeKind kind) {
        return get(switch (kind.id()) {
            case "repo", "cluster" -> "kind-repo";
            case "commit" -> "kind-commit";
            case "dataset", "dataset-version" -> "kind-data";
            case "job", "job-run" -> "kind-job";
            case "mlflow-run" -> "kind-run";
            case "model", "model-version", "logged-model" -> "kind-model";
            case "alias" -> "kind-alias";
            case "artifact" -> "kind-artifact";
            default -> "kind-other";
        });
    }

    /** A status class from {@code NodeShape.statusClass}, or null when the node has none. */
    Color status(String statusClass) {
        return statusClass.isEmpty() ? null : get("status-" + statusClass);
    }

    private static CssMetaData<GraphCanvas, Paint> meta(String property, String name, Color initial) {
        return new CssMetaData<>(property, StyleConverter.getPaintConverter(), initial) {
            @Override
            public boolean isSettable(GraphCanvas canvas) {
                return !canvas.colours().properties.get(name).isBound();
            }

            @Override
            public StyleableObjectProperty<Paint> getStyleableProperty(GraphCanvas canvas) {
                return canvas.colours().properties.get(name);
            }
        };
    }
}
