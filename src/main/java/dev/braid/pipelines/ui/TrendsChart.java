package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineTrends;
import dev.braid.ui.chart.PlotCanvas;
import dev.braid.ui.chart.PlotPalette;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;

/** Run duration per day (median and 95th percentile lines) over failure-rate bars. */
final class TrendsChart extends PlotCanvas {
    private PipelineTrends trends;

    TrendsChart() {
        getStyleClass().add("pipeline-trends-chart");
        setPrefHeight(260);
    }

    void show(PipelineTrends value) {
        this.trends = value;
        redrawLater();
    }

    @Override
    protected void paint(GraphicsContext g, double width, double height, PlotPalette colours) {
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        List<PipelineTrends.Day> days = trends == null ? List.of() : trends.days();
        if (days.isEmpty()) {
            g.setFill(colours.text());
            g.fillText(trends == null ? "Computing trends…" : "No finished runs match the filters.", 12, 14);
            return;
        }
        double left = 56;
        double top = 24;
        double plotW = Math.max(50, width - left - 16);
        double plotH = Math.max(40, height - top - 34);
        long max = days.stream().mapToLong(d -> d.p95Ms() == null ? 0 : d.p95Ms()).max().orElse(1);
        max = Math.max(max, 1);
        double step = plotW / Math.max(1, days.size());
        g.setStroke(colours.grid());
        for (int t = 0; t <= 4; t++) {
            double y = top + plotH * t / 4;
            g.strokeLine(left, y, left + plotW, y);
            g.setFill(colours.text());
            g.fillText(Durations.short_(max * (4 - t) / 4), 4, y);
        }
        for (int i = 0; i < days.size(); i++) {
            double h = plotH * days.get(i).failureRate();
            g.setFill(palette().category(1).deriveColor(0, 1, 1, 0.25));
            g.fillRect(left + i * step + step * 0.15, top + plotH - h, step * 0.7, h);
        }
        line(g, days, true, max, left, top, plotW, plotH, step, palette().category(4));
        line(g, days, false, max, left, top, plotW, plotH, step, palette().category(0));
        g.setFill(colours.text());
        g.fillText(days.get(0).day().toString(), left, top + plotH + 14);
        g.fillText(days.get(days.size() - 1).day().toString(), left + plotW - 64, top + plotH + 14);
        g.setFill(palette().category(0));
        g.fillText("median", left + 4, 10);
        g.setFill(palette().category(4));
        g.fillText("95th percentile", left + 60, 10);
        g.setFill(palette().category(1));
        g.fillText("failure rate (bars)", left + 160, 10);
    }

    private static void line(GraphicsContext g, List<PipelineTrends.Day> days, boolean p95, long max, double left, double top,
                             double plotW, double plotH, double step, javafx.scene.paint.Color colour) {
        g.setStroke(colour);
        g.setLineWidth(2);
        g.beginPath();
        boolean started = false;
        for (int i = 0; i < days.size(); i++) {
            Long v = p95 ? days.get(i).p95Ms() : days.get(i).medianMs();
            if (v == null) {
                continue;
            }
            double x = left + i * step + step / 2;
            double y = top + plotH - plotH * v / max;
            if (started) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                started = true;
            }
        }
        g.stroke();
        g.setLineWidth(1);
    }
}
