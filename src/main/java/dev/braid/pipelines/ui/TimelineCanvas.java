package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineJob;
import dev.braid.pipelines.PipelineRunDetail;
import dev.braid.ui.chart.PlotCanvas;
import dev.braid.ui.chart.PlotPalette;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A run's jobs over time (a Gantt chart), one row per attempt in the order they started: a thin
 * bar for the time each waited in the queue, a full bar in its status colour for the time it ran;
 * retried attempts are marked. Clicking a row opens that attempt's log.
 */
final class TimelineCanvas extends PlotCanvas {
    static final double ROW = 24;
    static final double LABEL = 190;
    private PipelineRunDetail run;
    private List<PipelineJob> rows = List.of();

    TimelineCanvas(Consumer<PipelineJob> onJob) {
        getStyleClass().add("pipeline-timeline");
        setOnMouseClicked(e -> {
            int row = (int) ((e.getY() - 28) / ROW);
            if (row >= 0 && row < rows.size()) {
                onJob.accept(rows.get(row));
            }
        });
    }

    void show(PipelineRunDetail detail) {
        this.run = detail;
        this.rows = detail == null ? List.of() : detail.jobs().stream().filter(j -> j.startedAt() != null || j.createdAt() != null)
                .sorted(java.util.Comparator.comparing((PipelineJob j) -> j.startedAt() != null ? j.startedAt() : j.createdAt())
                        .thenComparingInt(PipelineJob::position)).toList();
        setPrefHeight(40 + rows.size() * ROW);
        redrawLater();
    }

    List<PipelineJob> rows() {
        return rows;
    }

    @Override
    protected void paint(GraphicsContext g, double width, double height, PlotPalette colours) {
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        if (rows.isEmpty()) {
            g.setFill(colours.text());
            g.fillText(run == null ? "Choose a run to see its timeline." : "No job of this run has started.", 12, 14);
            return;
        }
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long now = System.currentTimeMillis();
        for (PipelineJob j : rows) {
            long queuedFrom = (j.createdAt() != null ? j.createdAt() : j.startedAt()).toEpochMilli();
            start = Math.min(start, queuedFrom);
            end = Math.max(end, j.finishedAt() != null ? j.finishedAt().toEpochMilli()
                    : j.startedAt() != null ? Math.max(j.startedAt().toEpochMilli(), Math.min(now, j.startedAt().toEpochMilli() + 3_600_000))
                    : queuedFrom);
        }
        double span = Math.max(1, end - start);
        double plot = Math.max(50, width - LABEL - 20);
        g.setFill(colours.text());
        g.fillText("0", LABEL, 12);
        g.fillText(Durations.short_(end - start), LABEL + plot - 40, 12);
        g.setStroke(colours.grid());
        for (int t = 0; t <= 4; t++) {
            double x = LABEL + plot * t / 4;
            g.strokeLine(x, 22, x, 28 + rows.size() * ROW);
        }
        for (int i = 0; i < rows.size(); i++) {
            PipelineJob j = rows.get(i);
            double y = 28 + i * ROW;
            g.setFill(j.retried() ? colours.dim() : colours.selected());
            String label = j.name() + (j.attempt() > 1 || j.retried() ? " (try " + j.attempt() + ")" : "");
            g.fillText(label.length() > 28 ? label.substring(0, 27) + "…" : label, 8, y + ROW / 2);
            Color colour = StatusColours.of(j.status(), colours);
            long created = j.createdAt() != null ? j.createdAt().toEpochMilli() : j.startedAt().toEpochMilli();
            long started = j.startedAt() != null ? j.startedAt().toEpochMilli() : end;
            long finished = j.finishedAt() != null ? j.finishedAt().toEpochMilli() : end;
            double xq = LABEL + plot * (created - start) / span;
            double xs = LABEL + plot * (started - start) / span;
            double xf = LABEL + plot * (finished - start) / span;
            g.setFill(colour.deriveColor(0, 1, 1, 0.35));
            g.fillRect(xq, y + ROW / 2 - 2, Math.max(0, xs - xq), 4);
            g.setFill(j.retried() ? colour.deriveColor(0, 1, 1, 0.5) : colour);
            g.fillRoundRect(xs, y + 4, Math.max(2, xf - xs), ROW - 8, 4, 4);
            g.setFill(colours.text());
            g.fillText(Durations.short_(j.durationMs()), Math.min(width - 40, xf + 4), y + ROW / 2);
        }
    }
}
