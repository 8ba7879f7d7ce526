package dev.braid.experiments.ui;

import dev.braid.ui.chart.PlotPalette;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * Paints a {@link ColourLegend} in a column beside a plot: its title, then a vertical gradient bar
 * with the highest value on top, or a swatch and name per category (as many as fit).
 */
final class LegendPainter {
    private static final double ROW = 16;
    private final GraphicsContext g;
    private final PlotPalette colours;

    LegendPainter(GraphicsContext g, PlotPalette colours) {
        this.g = g;
        this.colours = colours;
    }

    void paint(ColourLegend legend, double x, double y, double height) {
        if (legend.none()) {
            return;
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(colours.text());
        g.fillText(ScatterChart.shorten(legend.title(), 22), x, y);
        double top = y + ROW + 4;
        if (legend.gradient()) {
            double bar = Math.max(40, Math.min(200, height - ROW - 8));
            int steps = 64;
            for (int i = 0; i < steps; i++) {
                g.setFill(colours.gradient(1 - i / (double) (steps - 1)));
                g.fillRect(x, top + bar * i / steps, 14, bar / steps + 1);
            }
            g.setStroke(colours.axis());
            g.strokeRect(x, top, 14, bar);
            g.setFill(colours.text());
            g.setTextBaseline(VPos.CENTER);
            g.fillText(legend.high(), x + 20, top + 5);
            g.fillText(legend.low(), x + 20, top + bar - 5);
            return;
        }
        int fit = Math.max(1, (int) ((height - ROW - 4) / ROW));
        int count = legend.categories().size();
        int shown = count <= fit ? count : fit - 1;
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < shown; i++) {
            double row = top + i * ROW;
            g.setFill(colours.category(i));
            g.fillOval(x + 1, row + 2, 10, 10);
            g.setFill(colours.text());
            g.fillText(ScatterChart.shorten(legend.categories().get(i), 20), x + 18, row + 7);
        }
        if (shown < count) {
            g.setFill(colours.text());
            g.fillText("+ " + (count - shown) + " more", x + 18, top + shown * ROW + 7);
        }
    }
}
