package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineStatus;
import dev.braid.ui.chart.PlotPalette;
import javafx.scene.paint.Color;

/** A status's colour on the canvases, from the theme's category colours (green, red, blue…). */
final class StatusColours {
    private StatusColours() {
    }

    static Color of(PipelineStatus status, PlotPalette palette) {
        return switch (status) {
            case SUCCESS -> palette.category(2);
            case FAILED -> palette.category(1);
            case RUNNING -> palette.category(0);
            case MANUAL -> palette.category(7);
            case QUEUED -> palette.category(3);
            default -> palette.dim();
        };
    }
}
