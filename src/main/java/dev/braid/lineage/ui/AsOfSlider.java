package dev.braid.lineage.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "As of": a slider over the focused neighbourhood's history, from its first edge to now. At the
 * right end the graph is shown as it is now; elsewhere as it stood then. The graph reloads when
 * the thumb is let go, not on every step of a drag.
 */
final class AsOfSlider {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final LineageExplorerViewModel model;
    private final Slider slider = new Slider(0, 1, 1);
    private final Label label = new Label("now");
    private final HBox root;

    AsOfSlider(LineageExplorerViewModel model) {
        this.model = model;
        slider.setId("asOfSlider");
        slider.setPrefWidth(160);
        label.setId("asOfLabel");
        label.getStyleClass().add("text-muted");
        Label hidden = new Label();
        hidden.setId("asOfHidden");
        hidden.getStyleClass().add("text-muted");
        hidden.textProperty().bind(model.hiddenProperty());
        hidden.visibleProperty().bind(model.hiddenProperty().isNotEmpty());
        hidden.managedProperty().bind(hidden.visibleProperty());
        hidden.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        root = new HBox(6, new FontIcon(Feather.CLOCK), slider, label, hidden);
        root.setAlignment(Pos.CENTER_LEFT);
        root.disableProperty().bind(model.timeRangeProperty().isNull());
        slider.valueProperty().addListener((obs, old, now) -> {
            label.setText(describe(chosen()));
            if (!slider.isValueChanging()) {
                model.setAsOf(chosen());
            }
        });
        slider.valueChangingProperty().addListener((obs, was, now) -> {
            if (!now) {
                model.setAsOf(chosen());
            }
        });
        model.focusProperty().addListener((obs, old, now) -> slider.setValue(1));
    }

    Node node() {
        return root;
    }

    /** The moment the thumb stands for; null (now) at the right end. */
    private Instant chosen() {
        Instant[] range = model.timeRangeProperty().get();
        if (range == null || slider.getValue() >= 0.999) {
            return null;
        }
        long first = range[0].toEpochMilli();
        long last = range[1].toEpochMilli();
        return Instant.ofEpochMilli(first + Math.round((last - first) * slider.getValue()));
    }

    private static String describe(Instant when) {
        return when == null ? "now" : "as of " + WHEN.format(when);
    }
}
